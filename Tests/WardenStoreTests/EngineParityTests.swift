import Crypto
import Foundation
import Testing
import WardenCore
@_spi(Gate) @testable import WardenStore

/// The same person and the same writes give the same versions and the same audit entries,
/// byte for byte, on SQLite and on PostgreSQL: the rules above the engines and the one
/// renderer make them, and nothing an engine's own functions produce is hashed.
@Suite("Engine parity")
struct EngineParityTests {
    /// Rows that set the scene, the same statements on both engines.
    static func seed(_ sql: any SQLSession) throws {
        try sql.execute("INSERT INTO area (id, level, code, name) VALUES (1, 'polling_district', 'AA', 'Mill')")
        try sql.execute("INSERT INTO household (id, address_key, lines, postcode, polling_district_id) VALUES (1, 'k', ?, 'AB1 2CD', 1)",
                        "1 Mill Lane\nTown")
        try sql.execute("""
            INSERT INTO person (id, title, forenames, surname, name_key, date_of_birth, household_id, created_at, updated_at)
            VALUES (1, 'Ms', 'Ann', 'Lee', 'LEE|ANN', '1970-01-02', 1, 't', 't')
            """)
        try sql.execute("""
            INSERT INTO member (person_id, membership_number, status, joined_on, branch_area_id, dues_pence, dues_frequency, updated_at)
            VALUES (1, 'M1', 'active', '2020-05-01', NULL, 2500, 'annual', 't')
            """)
    }

    /// The writes: a contact change, another, a suspension and a reinstatement, at fixed times.
    static func write<Engine: LedgerEngine>(_ engine: Engine) async throws {
        try await engine.write { sql in try seed(sql) }
        let areas = AreaCache()
        let start = Timestamp(secondsSince1970: 1_790_000_000)
        let ann = PersonID(1)
        for (step, email) in ["ann@example.org", "ann.lee@example.org"].enumerated() {
            let request = try Fixture.emailChange(ann, to: email, at: start.adding(seconds: Int64(step)))
            _ = try await engine.write(areas: areas) { ledger in try ContactChange(ledger: ledger, request: request).run() }
        }
        for (step, event) in [MembershipEvent.suspended, .reinstated].enumerated() {
            var audit = Fixture.audit(.write)
            audit.at = start.adding(seconds: Int64(10 + step))
            let request = MembershipChangeRequest(personID: ann, event: event, author: Fixture.author(at: audit.at), audit: audit,
                                                  standing: nil) { _ in .allowed(grantID: nil) }
            _ = try await engine.write(areas: areas) { ledger in try MembershipChange(ledger: ledger, request: request).run() }
        }
    }

    /// Every version's text and every audit entry, in order, with a digest of each.
    static func written(_ engine: some SQLEngine) async throws -> [String] {
        try await engine.read { sql in
            let versions = try sql.rows("SELECT fields, state FROM person_version ORDER BY id").map { "version \(try $0.text(0)):\n\(try $0.text(1))" }
            let entries = try sql.rows("SELECT entry FROM audit_event ORDER BY id").map { row in
                "entry " + SHA256.hash(data: try row.blob(0)).map { String(format: "%02x", $0) }.joined()
            }
            return versions + entries
        }
    }

    @Test func theSameWritesMakeTheSameVersionsAndEntriesOnBothEngines() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("parity-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let store = try RelationalStore(path: file)
        let sqlite = try #require(store.sqlite)
        try await Self.write(sqlite)
        let postgres = try await PostgresEngine.open(try await PostgresTestServer.freshDatabase())
        let onPostgres: [String]
        let postgresLog: (size: UInt64, root: [UInt8])?
        let postgresReports: (clean: VerificationReport, tampered: VerificationReport)
        do {
            try await Self.write(postgres)
            onPostgres = try await Self.written(postgres)
            postgresLog = try await postgres.write { sql in try PostgresSequencer.round(sql) }
            let trusted = postgresLog.map { [TrustedCheckpoint(size: Int($0.size), rootHash: $0.root, source: "the test")] } ?? []
            let clean = try await postgres.verify(against: trusted)
            // Someone rewrites a version behind Warden's back: verify names it.
            try await postgres.write { sql in try sql.execute("UPDATE person_version SET state = replace(state, 'Ann', 'Anne') WHERE id = 2") }
            postgresReports = (clean, try await postgres.verify(against: trusted))
        } catch {
            await postgres.close()
            throw error
        }
        await postgres.close()
        let onSQLite = try await Self.written(sqlite)
        #expect(onSQLite.filter { $0.hasPrefix("version") }.count == 4)
        #expect(onSQLite.filter { $0.hasPrefix("entry") }.count == 4)
        #expect(onSQLite == onPostgres)
        // And the same log: the same size and root.
        let sqliteLog = try await store.integrateLog()
        #expect(sqliteLog.size == 4)
        #expect(postgresLog?.size == sqliteLog.size)
        #expect(postgresLog?.root == sqliteLog.root)
        // Verify agrees on both engines: clean, with the same counts, until a version is altered.
        let sqliteReport = try await store.verify(against: [TrustedCheckpoint(size: 4, rootHash: sqliteLog.root, source: "the test")])
        #expect(sqliteReport.isIntact, "\(sqliteReport.findings)")
        #expect(postgresReports.clean == sqliteReport)
        #expect(!postgresReports.tampered.isIntact)
        #expect(postgresReports.tampered.findings.contains { $0.contains("versions 2–2") && $0.contains("altered outside Warden") },
                "\(postgresReports.tampered.findings)")
    }
}
