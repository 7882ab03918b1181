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

    /// A register and a membership file large enough that PostgreSQL takes its bulk paths
    /// (rows sent with `COPY`, versions gathered and read a window at a time), then a second
    /// register that renumbers, moves and removes people: the same versions as SQLite's, person
    /// by person, and a clean verification on both.
    @Test func largeImportsMakeTheSameVersionsOnBothEngines() async throws {
        // PostgreSQL's engine below reads records 400 people at a time (10,000 in service).
        let batching = PostgresVersions.Batching(bulkLimit: 1_000, window: 400)
        let electors = 1_500
        let first = (1...electors).map { number in
            Fixture.entry(number % 3 == 0 ? "BA" : "AA", number, "Forename\(number % 700)", "Surname\(number / 2)", house: number / 2,
                          dob: number % 5 == 0 ? CalendarDate(year: 1950 + number % 50, month: 1 + number % 12, day: 1 + number % 28) : nil)
        }
        let members = (1...300).map { index in
            // Every third links to an elector (name and house as theirs); the rest are new people,
            // one with the same email twice.
            var record = Fixture.member("M\(index)", index % 3 == 0 ? "Forename\((2 * index) % 700)" : "Joiner\(index)",
                                        house: index % 3 == 0 ? index : 100_000 + index)
            record.name.surname = index % 3 == 0 ? "Surname\(index)" : "Lee"
            if index == 7 { record.contactPoints.append(record.contactPoints[0]) }
            return record
        }
        // A year on: everyone renumbered, every tenth moved house, every ninth gone.
        let second = first.enumerated().compactMap { offset, entry -> RegisterEntry? in
            guard offset % 9 != 0 else { return nil }
            var moved = entry
            moved.number = ElectorNumber(prefix: entry.number.prefix, number: entry.number.number + 50_000)
            if offset % 10 == 0 { moved.address = Address(lines: ["\(offset) New Road", "Town"], postcode: "TN2 2AA") }
            return moved
        }
        func importAll(_ store: RelationalStore) async throws -> [String] {
            _ = try await store.saveAreas(Fixture.areas, audit: Fixture.audit())
            let firstReport = try await store.importRegister(Fixture.lines(first), options: Fixture.options()) { _ in }
            #expect(firstReport.problems.isEmpty && firstReport.added == electors)
            let memberReport = try await Fixture.importMembers(store, members)
            #expect(memberReport.problems.isEmpty)
            let secondReport = try await store.importRegister(Fixture.lines(second), options: Fixture.options("register-2.csv")) { _ in }
            #expect(secondReport.problems.isEmpty && secondReport.removed > 0 && secondReport.changed > 0)
            let report = try await store.verify(against: [])
            #expect(report.isIntact, "\(report.findings)")
            return [
                "\(firstReport.added) \(memberReport.added) \(memberReport.linked) \(secondReport.added) \(secondReport.changed) \(secondReport.removed)",
            ] + (try await store.engine.read { sql in
                // People by their place in identifier order: PostgreSQL takes identifiers from
                // its sequences a block at a time, so a later import's new people start higher.
                let versions = try sql.rows("SELECT person_id, fields, state FROM person_version ORDER BY id")
                let people = Set(try versions.map { try $0.integer(0) }).sorted()
                let place = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1, $0) })
                return try versions.map { "\(place[try $0.integer(0)]!) \(try $0.text(1)): \(try $0.text(2))" }
            })
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("parity-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let onSQLite = try await importAll(try RelationalStore(path: file))
        let postgres = RelationalStore(engine: try await PostgresEngine.open(try await PostgresTestServer.freshDatabase(), connections: 3,
                                                                            versionBatching: batching))
        let onPostgres = try await importAll(postgres)
        // The first import set the loaded tables' foreign keys aside; they are all back.
        let keys = try await postgres.engine.read { sql in
            try sql.rows("""
                SELECT conname FROM pg_constraint
                WHERE contype = 'f' AND conrelid IN ('household'::regclass, 'person'::regclass, 'elector'::regclass) ORDER BY 1
                """).map { try $0.text(0) }
        }
        #expect(keys == ["elector_ended_by_import_id_fkey", "elector_person_id_fkey", "elector_polling_district_id_fkey",
                         "elector_register_import_id_fkey", "household_polling_district_id_fkey", "person_household_id_fkey"])
        await (postgres.engine as? PostgresEngine)?.close()
        #expect(onSQLite.count > 2 * electors)
        #expect(onSQLite.first == onPostgres.first)
        #expect(onSQLite.count == onPostgres.count)
        #expect(onSQLite.elementsEqual(onPostgres), "first difference: \(zip(onSQLite, onPostgres).first { $0 != $1 }.map { "\($0)\n\($1)" } ?? "lengths")")
    }
}
