import Foundation
import Testing

/// Complete mediation, checked: no module above the services may import the store (or
/// GRDB), so every path to personal data goes through the services and their Gate.
@Suite("Architecture")
struct ArchitectureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let aboveTheServices = ["WardenWeb", "warden", "WardenDemo"]
    static let forbidden = ["WardenStore", "GRDB", "WardenImport"]

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
}
