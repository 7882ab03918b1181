import Foundation
import Testing
import WardenTestSupport

/// Complete mediation, checked: no module above the services may import the store (or
/// GRDB); within and below the services, personal data is SPI that only the Gate's module
/// imports, and the compiler refuses it to everyone else; no service is handed the whole
/// store. So every path to personal data goes through the Gate.
@Suite("Architecture")
struct ArchitectureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let aboveTheServices = ["WardenWeb", "warden", "WardenDemo"]
    static let forbidden = ["WardenStore", "GRDB", "PostgresNIO", "WardenImport"]

    func imports(in target: String) throws -> [(file: String, module: String)] {
        let folder = Self.root.appendingPathComponent("Sources/\(target)")
        guard let files = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var found: [(String, String)] = []
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                if let index = words.firstIndex(of: "import"), index + 1 < words.count, words[..<index].allSatisfy({ !$0.hasPrefix("//") }) {
                    found.append((file, String(words[index + 1])))
                }
            }
        }
        return found
    }

    @Test(arguments: aboveTheServices)
    func noModuleAboveTheServicesImportsTheStore(target: String) throws {
        let imported = try imports(in: target)
        #expect(!imported.isEmpty, "no sources found for \(target)")
        let offending = imported.filter { Self.forbidden.contains($0.module) }
        #expect(offending.isEmpty, "\(offending)")
    }

    @Test func thePackageManifestAgrees() throws {
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        for target in Self.aboveTheServices {
            guard let start = manifest.range(of: "name: \"\(target)\"") else {
                Issue.record("no target \(target) in Package.swift")
                continue
            }
            let rest = manifest[start.upperBound...]
            let block = rest[..<(rest.range(of: "swiftSettings")?.lowerBound ?? rest.endIndex)]
            for module in Self.forbidden {
                #expect(!block.contains("\"\(module)\""), "\(target) depends on \(module)")
            }
        }
    }

    @Test func noSQLOutsideTheStore() throws {
        for target in ["WardenCore", "WardenImport", "WardenServices", "WardenWeb", "warden", "WardenDemo"] {
            let folder = Self.root.appendingPathComponent("Sources/\(target)")
            guard let files = FileManager.default.enumerator(atPath: folder.path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for keyword in ["SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM"] {
                    #expect(!text.contains(keyword), "\(target)/\(file) contains SQL (\(keyword))")
                }
            }
        }
    }

    /// Every Swift file under `Sources/`, with its target.
    func sources() throws -> [(target: String, file: String, text: String)] {
        let folder = Self.root.appendingPathComponent("Sources")
        guard let files = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var found: [(String, String, String)] = []
        for case let file as String in files where file.hasSuffix(".swift") {
            let target = String(file.split(separator: "/")[0])
            found.append((target, file, try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)))
        }
        return found
    }

    @Test func onlyTheGateImportsThePersonalDataSPI() throws {
        let all = try sources()
        let importing = all.filter { source in
            source.text.split(separator: "\n").contains { $0.hasPrefix("@_spi(Gate) import") || $0.hasPrefix("@_spi(Gate) public import") }
        }
        #expect(!importing.isEmpty, "the Gate imports nothing")
        #expect(importing.allSatisfy { $0.target == "WardenGate" }, "\(importing.filter { $0.target != "WardenGate" }.map(\.file))")
    }

    @Test func noServiceIsHandedTheWholeStore() throws {
        let services = try sources().filter { $0.target == "WardenServices" }
        #expect(!services.isEmpty)
        let holders = services.filter { $0.text.contains("any WardenStore") || $0.text.contains("RelationalStore") }.map(\.file)
        // The composition root opens the store (on the engine `--db` names) and hands each
        // service its narrow protocols; `warden migrate` moves it from one engine to the other.
        #expect(holders.sorted() == ["WardenServices/DatabaseLocation.swift", "WardenServices/DatabaseMove.swift", "WardenServices/Warden.swift"])
    }

    /// The wall is the compiler's: a file that asks the store for a person without the Gate's
    /// SPI import does not compile, and the same file with it does (so the check is not
    /// failing for some other reason). Type-checks against the modules this build made.
    @Test func theCompilerRefusesPersonalDataWithoutTheGate() throws {
        let sneak = """
            import WardenCore
            import WardenStore
            func sneak(_ store: any WardenStore, _ read: PeopleRead) async throws {
                _ = try await store.personalData.store.readPeople(read)
            }
            """
        let refused = try typecheck(sneak)
        #expect(refused.status != 0)
        #expect(refused.output.contains("'store' is inaccessible due to '@_spi' protection level"), "\(refused.output)")
        let asTheGate = try typecheck(sneak.replacingOccurrences(of: "import WardenStore", with: "@_spi(Gate) import WardenStore"))
        #expect(asTheGate.status == 0, "\(asTheGate.output)")
    }

    func typecheck(_ source: String) throws -> (status: Int32, output: String) {
        let build = Self.root.appendingPathComponent(".build/debug/Modules")
        try #require(FileManager.default.fileExists(atPath: build.path), "no debug build at \(build.path)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wall-\(UUID().uuidString).swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try Command.run("/usr/bin/env", ["swiftc", "-typecheck", "-I", build.path]
                                   + (try moduleMaps()).flatMap { ["-Xcc", "-fmodule-map-file=\($0)"] } + [file.path])
    }

    /// The C modules the store's dependencies bring: those SwiftPM wrote a map for, and those
    /// that ship their own in the checkouts (SQLCipher's stands in for SQLite's, so not that).
    func moduleMaps() throws -> [String] {
        let files = FileManager.default
        let debug = Self.root.appendingPathComponent(".build/debug")
        let generated = try files.contentsOfDirectory(atPath: debug.path).filter { $0.hasSuffix(".build") }
            .map { debug.appendingPathComponent($0).appendingPathComponent("module.modulemap").path }
        let checkouts = Self.root.appendingPathComponent(".build/checkouts")
        let shipped = try files.contentsOfDirectory(atPath: checkouts.path).flatMap { package -> [String] in
            let sources = checkouts.appendingPathComponent(package).appendingPathComponent("Sources")
            let targets = (try? files.contentsOfDirectory(atPath: sources.path)) ?? []
            return targets.filter { $0 != "GRDBSQLCipher" }.flatMap { target in
                ["include/module.modulemap", "module.modulemap"].map { sources.appendingPathComponent(target).appendingPathComponent($0).path }
            }
        }
        return (generated + shipped).filter { files.fileExists(atPath: $0) }
    }
}
