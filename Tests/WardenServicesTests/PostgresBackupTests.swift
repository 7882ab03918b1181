import AgeEncryption
import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// On PostgreSQL a backup is the engine's own `pg_dump` of one snapshot, in the same age
/// envelope, and restores with `pg_restore` into an empty database, proving itself as on SQLite.
@Suite("Backups on PostgreSQL", .enabled(if: TestEngine.current == .postgres, "pg_dump of the test's database"))
struct PostgresBackupTests {
    @Test func aBackupIsAPgDumpThatRestoresIntoAnEmptyDatabaseAndSaysWhatWasLost() async throws {
        let party = try await BackupTests.Party.make()
        let taken = try await party.backUp()
        #expect(taken.manifest.engine == "postgresql" && taken.manifest.schemaVersion == "2026-12-10 events")
        #expect(taken.check.contains("table of contents") && taken.check.hasSuffix("decrypted again and matched"))
        #expect(taken.manifest.keyVersions == [1])

        // Debian's age opens it, and pg_restore reads the dump inside.
        let directory = party.test.directory.path
        let keyFile = try party.test.write("key.txt", party.key.secretKeyString + "\n")
        #expect(try Command.shell("mkdir '\(directory)/out' && age -d -i '\(keyFile)' '\(taken.file)' | tar -x -C '\(directory)/out'").status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(directory)/out").sorted() == ["manifest.json", "warden.pgdump"])
        let listing = try Command.shell("pg_restore --list '\(directory)/out/warden.pgdump'")
        #expect(listing.status == 0 && listing.output.contains("TABLE public person"), "\(listing.output.prefix(300))")

        try await party.moreHistory()
        let target = WardenConfiguration(
            databasePath: try TestEngine.postgres.newDatabase(in: party.test.directory), keyRingPath: party.warden.configuration.keyRingPath,
            passwordHasher: party.warden.configuration.passwordHasher, witnessDirectory: "\(directory)/restored.witness")
        let report = try await party.warden.configuration.restore(taken.file, identities: [party.key], into: target, actor: .localOperator)
        #expect(report.verification.isIntact, "\(report.verification.findings)")
        #expect(report.restore.entry == taken.manifest.logSize && report.restore.lost > 0)
        #expect(report.lostKinds["write"] == 1 && report.lostKinds["search"] == 1)
        #expect(try TestEngine.postgres.run("SELECT COUNT(*) FROM person", on: target.databasePath) == ["5"])
        #expect(try TestEngine.postgres.run("SELECT COUNT(*) FROM canvass_contact", on: target.databasePath) == ["1"])

        // A database that already holds a Warden is never restored over.
        var occupied = party.warden.configuration
        occupied.witnessDirectory = "\(directory)/occupied.witness"
        await #expect(throws: WardenError.self) {
            _ = try await party.warden.configuration.restore(taken.file, identities: [party.key], into: occupied, actor: .localOperator)
        }
        // Nor is a PostgreSQL backup drilled into an SQLite file.
        await #expect(throws: WardenError.self) {
            _ = try await party.warden.configuration.restoreDrill(taken.file, identities: [party.key], actor: .localOperator)
        }
    }
}
