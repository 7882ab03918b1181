import Foundation
import GRDB
import PostgresNIO
import Testing
import WardenCore
@testable import WardenStore

/// The PostgreSQL engine's own parts, on a real server: the schema it makes (the same tables
/// and columns as SQLite's), migrations servers can run together, transactions that commit
/// whole or not at all, and failures that say what happened without any value or password.
@Suite("PostgreSQL engine")
struct PostgresEngineTests {
    @Test func theSchemaHasTheTablesAndColumnsOfSQLites() async throws {
        let engine = try await PostgresEngine.open(try await PostgresTestServer.freshDatabase())
        let columns = try await engine.transaction(readOnly: true) { session in
            try session.rows("""
                SELECT table_name::text, column_name::text FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name <> 'warden_migration'
                """).map { row in "\(try row.text(0)).\(try row.text(1))" }
        }
        await engine.close()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let sqlite = try RelationalStore(path: file)
        let expected = try await #require(sqlite.sqlite).pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name NOT IN ('grdb_migrations') AND m.name NOT LIKE 'sqlite_%'
                """)
        }
        #expect(Set(columns) == Set(expected))
        #expect(!columns.isEmpty)
    }

    /// Closing waits for the pool a bounded time: work that ends is waited for, work that
    /// never does is left behind rather than holding the caller.
    @Test func aBoundedWaitReturnsWhenItsWorkEndsOrItsTimeIsUp() async throws {
        #expect(await PostgresEngine.within(.seconds(60)) { try? await Task.sleep(for: .milliseconds(50)) })
        #expect(await !PostgresEngine.within(.milliseconds(200)) { await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in } })
    }

    @Test func serversStartingTogetherMigrateOnceAndAgainIsNothing() async throws {
        let location = try await PostgresTestServer.freshDatabase()
        let engines = try await withThrowingTaskGroup(of: PostgresEngine.self) { group in
            for _ in 0..<3 { group.addTask { try await PostgresEngine.open(location, connections: 2) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let again = try await PostgresEngine.open(location, connections: 1)
        let steps = try await again.transaction { session in
            try session.row("SELECT count(*) FROM warden_migration")?.int(0)
        }
        #expect(steps == PostgresSchema.steps.count)
        for engine in engines + [again] { await engine.close() }
    }

    @Test func aTransactionCommitsWholeOrNotAtAll() async throws {
        let engine = try await PostgresEngine.open(try await PostgresTestServer.freshDatabase())
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await engine.transaction { session in
                try session.execute("INSERT INTO setting (key, value) VALUES ('a', 'one')")
                throw Refused()
            }
        }
        try await engine.transaction { session in
            try session.execute("INSERT INTO setting (key, value) VALUES ('b', 'two')")
        }
        let keys = try await engine.transaction(readOnly: true) { session in
            try session.rows("SELECT key FROM setting ORDER BY key").map { try $0.text(0) }
        }
        #expect(keys == ["b"])
        // A broken constraint is a conflict naming the constraint, never the value.
        await #expect(throws: StoreError.conflict("already stored (setting_pkey)")) {
            try await engine.transaction { session in
                try session.execute("INSERT INTO setting (key, value) VALUES (?, ?)", "b", "secret value")
            }
        }
        await engine.close()
    }

    @Test func theAccessGenerationTriggersMoveAsOnSQLite() async throws {
        let engine = try await PostgresEngine.open(try await PostgresTestServer.freshDatabase())
        let generations = try await engine.transaction { session in
            func generation() throws -> Int64 {
                try session.row("SELECT access_generation FROM account WHERE id = 1")?.integer(0) ?? -1
            }
            try session.execute("INSERT INTO account (id, username, password_hash, created_at) VALUES (1, 'ann', 'h', 't')")
            var seen = [try generation()]
            try session.execute("""
                INSERT INTO access_grant (account_id, role, purpose, granted_by, reason, starts_at, expires_at)
                VALUES (1, 'organiser', 'campaign_planning', 'admin', 'r', 'a', 'z')
                """)
            seen.append(try generation())
            try session.execute("UPDATE account SET totp_last_step = 7 WHERE id = 1")
            seen.append(try generation())
            try session.execute("UPDATE account SET password_hash = 'new' WHERE id = 1")
            seen.append(try generation())
            try session.execute("INSERT INTO session (token_hash, account_id, created_at, last_seen_at, expires_at, csrf_token) VALUES (?, 1, 't', 't', 'z', 'c')", [UInt8]([1]))
            try session.execute("UPDATE session SET last_seen_at = 'u'")
            seen.append(try generation())
            try session.execute("UPDATE session SET ended_at = 'u'")
            seen.append(try generation())
            return seen
        }
        await engine.close()
        #expect(generations == [0, 1, 1, 2, 2, 3])
    }

    @Test func anUnreachableServerOrAWrongPasswordIsUnavailableAndSaysNoMore() async throws {
        var location = try PostgresTestServer.administration()
        let port = location.port
        location.port = 1
        await #expect(throws: StoreError.unavailable("the database server is not reachable")) {
            _ = try await PostgresEngine.connect(location, connections: 1)
        }
        let wrong = try PostgresLocation(url: "postgres://warden:not-the-password@127.0.0.1:\(port)/postgres", environment: [:])
        do {
            _ = try await PostgresEngine.connect(wrong, connections: 1)
            Issue.record("a wrong password was accepted")
        } catch let error as StoreError {
            #expect(!error.description.contains("not-the-password"))
            #expect(error == .unavailable("the database server refused the credentials"), "\(error)")
        }
    }

    @Test func scriptsSplitOutsideQuotesAndFunctionBodies() {
        let script = """
            CREATE TABLE a (b text DEFAULT 'x;y');
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;

            SELECT 1
            """
        #expect(PostgresScript.statements(in: script) == [
            "CREATE TABLE a (b text DEFAULT 'x;y')",
            "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$",
            "SELECT 1",
        ])
    }

    /// A write that touched one person finds that person by index, not by reading every
    /// person: the touched set's table, never analysed, would be guessed at thousands of rows.
    @Test func aWriteTouchingOnePersonLocksAndReadsThemByIndex() async throws {
        let engine = try await PostgresEngine.open(try await PostgresTestServer.freshDatabase())
        let plan = try await engine.transaction { session in
            try session.execute("""
                INSERT INTO person (forenames, surname, created_at, updated_at)
                SELECT 'F' || n, 'S' || n, 'now', 'now' FROM generate_series(1, 20000) AS n
                """)
            try session.execute("ANALYZE person")
            let versions = PostgresVersions(sql: session)
            try versions.touch([42])
            return try session.rows("EXPLAIN SELECT id FROM person WHERE id IN (SELECT person_id FROM touched_person) ORDER BY id FOR NO KEY UPDATE")
                .map { try $0.text(0) }.joined(separator: "\n")
        }
        await engine.close()
        #expect(plan.contains("Index Scan using person_pkey on person"), "\(plan)")
        #expect(!plan.contains("Seq Scan on person"), "\(plan)")
    }
}
