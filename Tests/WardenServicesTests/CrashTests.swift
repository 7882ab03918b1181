import AgeEncryption
import Foundation
import Synchronization
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Nothing acknowledged is lost: real `warden` processes killed with SIGKILL in the middle of
/// a doorstep load, a register import, a key rotation and a backup; a disk that fills up; and
/// the database file overwritten under a running server (the ransomware drill).
@Suite("Crashes, full disks and ransomware", .serialized, .enabled(if: TestEngine.current == .sqlite, "kills processes over an SQLite file"))
struct CrashTests {
    /// A `warden` command, killed with SIGKILL after `killAfter`, or as soon as `killWhen` holds
    /// (looked at every 2 ms), when given.
    @discardableResult
    static func warden(_ arguments: [String], killAfter: Duration? = nil, killWhen: (() -> Bool)? = nil) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = ServerProcess.binary
        process.arguments = arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("warden-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        if let killAfter {
            try await Task.sleep(for: killAfter)
            kill(process.processIdentifier, SIGKILL)
        }
        if let killWhen {
            while process.isRunning && !killWhen() { try await Task.sleep(for: .milliseconds(2)) }
            kill(process.processIdentifier, SIGKILL)
        }
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        try handle.close()
        defer { try? FileManager.default.removeItem(at: output) }
        return (process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }

    static func options(_ test: TestWarden) -> [String] {
        let configuration = test.warden.configuration
        return ["--db", configuration.databasePath, "--keyring", configuration.keyRingPath, "--witness", configuration.witnessDirectory]
    }

    /// A register of `count` electors in polling district AA, as EMS exports one.
    static func register(_ test: TestWarden, count: Int) throws -> String {
        var text = "Elector Number Prefix,Elector Number,Elector Number Suffix,Elector Markers,Elector DOB,Elector Surname,Elector Forename,PostCode,Address1,Address2\n"
        for number in 1...count {
            text += "AA,\(number),,,,Surname\(number % 997),Forename\(number % 89),TN1 \(number % 9)AA,\(number) Long Road,Town\n"
        }
        return try test.write("big-register.csv", text)
    }

    static func verifyIsClean(_ test: TestWarden) async throws {
        let report = try await test.warden.log.verify(actor: .localOperator)
        #expect(report.isIntact, "\(report.findings)")
    }

    @Test func aServerKilledUnderDoorstepLoadLosesNoAcknowledgedWrite() async throws {
        let test = try await TestWarden.make()
        let doorstep = try await FaultTests.Doorstep.make(test)
        let configuration = test.warden.configuration
        let server = try await ServerProcess(database: configuration.databasePath, keyRing: configuration.keyRingPath,
                                             witness: configuration.witnessDirectory, in: test.directory)
        let tally = FaultTests.Tally()
        async let loading: Void = FaultTests().load(doorstep, { [server] }, workers: 4, tally: tally)
        // Killed in the middle of the load, once it is well under way (a loaded machine is slow to get there).
        #expect(try await FaultTests().eventually(60) { tally.acknowledged.withLock { $0.count } >= 20 })
        try await Task.sleep(for: .milliseconds(300))
        server.kill()
        tally.stopped.store(true, ordering: .relaxed)
        await loading

        let acknowledged = tally.acknowledged.withLock { $0 }
        #expect(acknowledged.count > 10, "\(tally.answers.withLock { $0 })")
        let stored = Set(try test.sqlValues("SELECT id FROM canvass_contact").compactMap { Int64($0) })
        #expect(Set(acknowledged).isSubset(of: stored))
        #expect(try test.sqlValues("PRAGMA integrity_check") == ["ok"])
        // A server starts again on the file, and the log verifies.
        let again = try await ServerProcess(database: configuration.databasePath, keyRing: configuration.keyRingPath,
                                            witness: configuration.witnessDirectory, in: test.directory)
        again.kill()
        try await test.warden.log.checkpoint()
        try await Self.verifyIsClean(test)
    }

    /// An import killed part-way leaves nothing of itself; a backup killed part-way leaves no
    /// backup under a backup's name, and every one that is there restores.
    @Test func anImportOrABackupKilledPartWayLeavesAllOrNothing() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        let file = try Self.register(test, count: 150_000)
        for delay in [300, 1_500] {
            let (status, _) = try await Self.warden(["import", "register", file] + Self.options(test), killAfter: .milliseconds(delay))
            #expect(status != 0)
            #expect(try test.sqlValues("SELECT COUNT(*) FROM elector") == ["0"], "killed after \(delay) ms")
            #expect(try test.sqlValues("SELECT COUNT(*) FROM register_import") == ["0"])
            #expect(try test.sqlValues("PRAGMA integrity_check") == ["ok"])
        }
        let (status, output) = try await Self.warden(["import", "register", file] + Self.options(test))
        #expect(status == 0, "\(output)")
        #expect(try test.sqlValues("SELECT COUNT(*) FROM elector") == ["150000"])
        try await Self.verifyIsClean(test)

        let key = X25519Identity()
        let backups = test.directory.appendingPathComponent("backups").path
        let take = ["backup", "--to", backups, "--recipient", key.recipient.description] + Self.options(test)
        func names() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: backups)) ?? [] }
        // Killed while it writes the file: a partial file, and no backup. The window is short, and a
        // loaded machine may finish the backup before the kill lands; such a try proves nothing, so
        // its files are cleared and it is taken again.
        var caughtWriting = false
        for _ in 1...5 where !caughtWriting {
            _ = try await Self.warden(take, killWhen: { names().contains { $0.hasSuffix(".partial") } })
            caughtWriting = try test.warden.backups.list(backups).isEmpty
            if !caughtWriting { try FileManager.default.removeItem(atPath: backups) }
        }
        #expect(caughtWriting, "every try finished before the kill")
        #expect(names().contains { $0.hasSuffix(".age.partial") }, "\(names())")
        // Killed earlier (a snapshot or its check): nothing at all, or still only that partial file.
        _ = try await Self.warden(take, killAfter: .milliseconds(100))
        #expect(try test.warden.backups.list(backups).isEmpty)
        // Left to finish: a backup, which restores; the partial files are never taken for one.
        let (finished, said) = try await Self.warden(take)
        #expect(finished == 0, "\(said)")
        let listed = try test.warden.backups.list(backups)
        #expect(listed.count == 1)
        for backup in listed {
            let report = try await test.warden.configuration.restoreDrill(backup.file, identities: [key], actor: .localOperator)
            #expect(report.verification.isIntact)
        }
        #expect(names().allSatisfy { $0.hasSuffix(".age") || $0.hasSuffix(".age.manifest.json") || $0.hasSuffix(".age.partial") }, "\(names())")
    }

    @Test func aKeyRotationKilledPartWayLeavesEveryValueReadable() async throws {
        let seeded = try await SubjectAccessPackageTests.seeded()
        let test = seeded.test
        for delay in [40, 400, 1_500] {
            _ = try await Self.warden(["keys", "rotate"] + Self.options(test), killAfter: .milliseconds(delay))
            #expect(try TestEngine.sqlite.run("PRAGMA integrity_check", on: test.warden.configuration.databasePath) == ["ok"])
            // Every sealed value still opens: a fresh Warden reads the key ring as the kill left it.
            let reopened = try await Warden.open(test.warden.configuration)
            let archive = try await reopened.subjectAccess.package(seeded.caseID, actor: seeded.dpo)
            #expect(archive.package.records.first?.canvassContacts.first?.answers?.notes == "Wants a crossing by the school", "killed after \(delay) ms")
            await reopened.close()
        }
        let (status, output) = try await Self.warden(["keys", "rotate"] + Self.options(test))
        #expect(status == 0, "\(output)")
        #expect(try await test.warden.keys.usage().keys.sorted().count == 1, "one finished rotation leaves every value under the newest key")
        try await Self.verifyIsClean(test)
    }
}

extension CrashTests {
    /// A small disk of the test's own (tmpfs), unmounted and removed afterwards.
    struct SmallDisk {
        let path: String

        init(megabytes: Int) throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("small-disk-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let mounted = try BackupTests.shell("mount -t tmpfs -o size=\(megabytes)m,mode=0700 tmpfs '\(path)'")
            guard mounted.status == 0 else { throw WardenError.invalidRequest("mount tmpfs: \(mounted.output)") }
        }

        /// Fills what is left with a file; returns its path.
        func fill() throws -> String {
            let filler = path + "/filler"
            _ = try BackupTests.shell("dd if=/dev/zero of='\(filler)' bs=64k 2>/dev/null")
            return filler
        }

        func remove() {
            _ = try? BackupTests.shell("umount '\(path)'")
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    @Test func aFullDiskGivesClearErrorsCorruptsNothingAndServiceResumesWhenSpaceIsFreed() async throws {
        let disk = try SmallDisk(megabytes: 40)
        defer { disk.remove() }
        let test = try await TestWarden.make(database: disk.path + "/warden.sqlite")
        try await test.loadAreas()
        try await test.loadRegister()
        let file = try Self.register(test, count: 20_000)
        let filler = try disk.fill()

        let imported = await #expect(throws: (any Error).self) {
            _ = try await test.warden.imports.importRegister(path: file, actor: .localOperator)
        }
        #expect("\(imported.map { String(describing: $0) } ?? "")".localizedCaseInsensitiveContains("full"), "\(String(describing: imported))")
        let key = X25519Identity()
        let backedUp = await #expect(throws: (any Error).self) {
            _ = try await test.warden.backups.take(to: disk.path + "/backups", recipients: [key.recipient], actor: .localOperator)
        }
        #expect("\(backedUp.map { String(describing: $0) } ?? "")".localizedCaseInsensitiveContains("full")
                || "\(backedUp.map { String(describing: $0) } ?? "")".contains("No space left"), "\(String(describing: backedUp))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).filter { $0.hasPrefix(".warden-scratch") }.isEmpty)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: disk.path + "/backups")) ?? []).isEmpty)
        #expect(try test.sqlValues("PRAGMA integrity_check") == ["ok"])
        #expect(try test.sqlValues("SELECT COUNT(*) FROM elector") == ["5"])

        try FileManager.default.removeItem(atPath: filler)
        _ = try await test.warden.imports.importRegister(path: file, actor: .localOperator)
        #expect(try test.sqlValues("SELECT COUNT(*) FROM elector") == ["20005"])
        try await test.warden.log.checkpoint()
        try await Self.verifyIsClean(test)
    }

    /// The ransomware drill: the database file overwritten with random bytes under a running
    /// server that backs itself up. The server notices at once and stops serving; the newest
    /// backup restores, verifies clean, and the restore says what was lost since it.
    @Test func theRansomwareDrill() async throws {
        let test = try await TestWarden.make()
        let doorstep = try await FaultTests.Doorstep.make(test)
        let configuration = test.warden.configuration
        let key = X25519Identity()
        let keyFile = try test.write("backup-key.txt", "# the party's backup key\n" + key.secretKeyString + "\n")
        let backups = test.directory.appendingPathComponent("backups").path
        let server = try await ServerProcess(
            database: configuration.databasePath, keyRing: configuration.keyRingPath, witness: configuration.witnessDirectory, in: test.directory,
            arguments: ["--backup-dir", backups, "--backup-recipient", key.recipient.description, "--backup-identity", keyFile,
                        "--metrics-token", "drill-metrics-token"])
        defer { server.kill() }
        let probe = FaultTests()
        #expect(try await probe.eventually(20) { ((try? test.warden.backups.list(backups)) ?? []).count == 1 })
        let backup = try #require(try test.warden.backups.list(backups).first)
        #expect(try BackupTests.mode(backup.file) == 0o600)
        // The file is linked into place before the backup is checked and counted a success: under
        // load the gauge follows a moment later.
        var text = ""
        let counted = try await probe.eventually(20) {
            text = String(decoding: try await server.request("GET", "/metrics", token: "drill-metrics-token").1, as: UTF8.self)
            return text.contains("warden_backup_last_success_timestamp_seconds \(backup.manifest?.created.secondsSince1970 ?? -1)")
        }
        #expect(counted, "\(text)")
        #expect(text.contains("warden_database_intact 1"))

        // Work after the backup, signed and witnessed: what the drill will lose.
        for n in 0..<5 {
            let (status, _) = try await server.request("POST", "/api/v1/canvass/results", token: doorstep.token, json: doorstep.body(n))
            #expect(status == 201)
        }
        try await Task.sleep(for: .seconds(6))

        // The attack: the file overwritten in place with random bytes.
        let size = try FileManager.default.attributesOfItem(atPath: configuration.databasePath)[.size] as? Int ?? 0
        let attacker = try #require(FileHandle(forWritingAtPath: configuration.databasePath))
        try attacker.write(contentsOf: Data((0..<size).map { _ in UInt8.random(in: 0...255) }))
        try attacker.close()

        #expect(try await probe.eventually(3) { (try? await server.request("GET", "/healthz", token: nil))?.0 == 503 })
        let (health, body) = try await server.request("GET", "/healthz", token: nil)
        #expect(health == 503 && String(decoding: body, as: UTF8.self).contains("no longer an SQLite database"))
        let (refused, _) = try await server.request("POST", "/api/v1/canvass/results", token: doorstep.token, json: doorstep.body(9))
        #expect(refused == 503)
        let (_, after) = try await server.request("GET", "/metrics", token: "drill-metrics-token")
        #expect(String(decoding: after, as: UTF8.self).contains("warden_database_intact 0"))
        #expect(server.logged.contains("the database is damaged"))
        let verify = try await Self.warden(["verify"] + Self.options(test))
        #expect(verify.status != 0)
        server.kill()

        let restored = test.directory.appendingPathComponent("restored.sqlite").path
        let restore = try await Self.warden(["restore", backup.file, "--to", restored, "--identity", keyFile] + Self.options(test))
        #expect(restore.status == 0, "\(restore.output)")
        #expect(restore.output.contains("LOST: "), "\(restore.output)")
        #expect(restore.output.contains("verify:") && restore.output.contains("intact"))
        let check = try await Self.warden(["verify", "--db", restored, "--keyring", configuration.keyRingPath])
        #expect(check.status == 0 && check.output.contains("intact") && check.output.contains("restored: restore: from backup"), "\(check.output)")
        // The five results after the backup are the loss the report names; the rest is back.
        #expect(try TestEngine.sqlite.run("SELECT COUNT(*) FROM canvass_contact", on: restored) == ["0"])
        #expect(try TestEngine.sqlite.run("SELECT COUNT(*) FROM elector", on: restored) == ["5"])
    }
}
