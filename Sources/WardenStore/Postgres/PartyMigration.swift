import Foundation
import GRDB
public import WardenCore

/// What `warden migrate` moved: each table's rows, and the log's size and root on both sides.
public struct MigrationReport: Sendable {
    public var tables: [(name: String, rows: Int)]
    public var logSize: UInt64
    public var sourceRoot: [UInt8]
    public var targetRoot: [UInt8]
}

/// A whole party moved from its SQLite file into an empty PostgreSQL database: every table,
/// every row as it is (identifiers, versions, the log's entries and leaf indices, its tree,
/// checkpoints, grants, sessions, campaigns, the outbox, settings), in one PostgreSQL
/// transaction from one SQLite snapshot. Either all of it arrives or none does.
///
/// The tables and their columns are read from both databases, not listed here, and must be
/// the same on both (both schemas brought up to date first), so a table added later moves
/// too, and a difference stops the move before anything is written. Rows go in by
/// `COPY … FROM STDIN`, parents before children; triggers are off while they do (the rows
/// are already what those triggers made them), and each identity sequence is then moved past
/// the largest identifier copied.
enum PartyMigration {
    static func run(from path: String, to location: PostgresLocation, progress: @escaping @Sendable (_ table: String, _ rows: Int) -> Void)
        async throws -> MigrationReport
    {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.notFound("\(path): no SQLite database here") }
        guard try await !RelationalStore.postgresHoldsWarden(location) else {
            throw StoreError.conflict("\(location): already holds a Warden; migrate fills an empty database only")
        }
        let source = try SQLiteEngine(path: path)
        let (logSize, sourceRoot) = try await source.integrateLog()
        let target = try await PostgresEngine.open(location, connections: 2)
        do {
            let tables = try await target.transactionHere { sql in
                (try copyAll(from: source.pool.base, into: sql, progress: progress), commit: true)
            }
            let (targetSize, targetRoot) = try await target.integrateLog()
            guard targetSize == logSize else {
                throw StoreError.invalid("the log has \(targetSize) entries on PostgreSQL after the move, \(logSize) in the SQLite file")
            }
            await target.close()
            return MigrationReport(tables: tables, logSize: logSize, sourceRoot: sourceRoot, targetRoot: targetRoot)
        } catch {
            await target.close()
            throw error
        }
    }

    /// Copies every table in one snapshot of the source; returns each table's row count.
    private static func copyAll(from source: DatabasePool, into sql: PostgresSession, progress: (String, Int) -> Void) throws -> [(name: String, rows: Int)] {
        let tables = try tablesInOrder(sql)
        try source.read { db in
            let sourceTables = Set(try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'grdb_migrations'
                """))
            if let missing = sourceTables.subtracting(tables).sorted().first {
                throw StoreError.invalid("table \(missing): in the SQLite file but not on PostgreSQL (are both on the same Warden version?)")
            }
            if let missing = Set(tables).subtracting(sourceTables).sorted().first {
                throw StoreError.invalid("table \(missing): on PostgreSQL but not in the SQLite file (are both on the same Warden version?)")
            }
        }
        for table in tables { try sql.execute("ALTER TABLE \(table) DISABLE TRIGGER USER") }
        // Rows the schema's own steps put there (settings' first values) give way to the party's.
        for table in tables.reversed() { try sql.execute("DELETE FROM \(table)") }
        var counts: [(name: String, rows: Int)] = []
        try source.read { db in
            for table in tables {
                let columns = try self.columns(of: table, sql, db)
                let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                let rows = try sql.copy(into: table, columns: columns) { emit in
                    let cursor = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \(table)")
                    var count = 0
                    while let row = try cursor.next() {
                        try emit((0..<row.count).map { SQLiteSession.value(row[$0] as DatabaseValue) })
                        count += 1
                        if count % 100_000 == 0 { progress(table, count) }
                    }
                }
                progress(table, rows)
                counts.append((table, rows))
            }
        }
        for table in tables { try sql.execute("ALTER TABLE \(table) ENABLE TRIGGER USER") }
        for row in try sql.rows("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name
            """) {
            let (table, column) = (try row.text(0), try row.text(1))
            try sql.execute("""
                SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), COALESCE(MAX(\(column)), 1), MAX(\(column)) IS NOT NULL) FROM \(table)
                """)
        }
        return counts
    }

    /// The schema's tables, each after every table it refers to.
    private static func tablesInOrder(_ sql: PostgresSession) throws -> [String] {
        let names = try sql.rows("""
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'warden_migration' ORDER BY table_name
            """).map { try $0.text(0) }
        var parents: [String: Set<String>] = [:]
        for row in try sql.rows("""
            SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c
            WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
            """) {
            let (child, parent) = (try row.text(0), try row.text(1))
            if child != parent { parents[child, default: []].insert(parent) }
        }
        var ordered: [String] = []
        var placed: Set<String> = []
        while ordered.count < names.count {
            let ready = names.filter { !placed.contains($0) && parents[$0, default: []].isSubset(of: placed) }
            guard !ready.isEmpty else { throw StoreError.invalid("the schema's foreign keys form a cycle") }
            ordered += ready
            placed.formUnion(ready)
        }
        return ordered
    }

    /// The table's columns, which must be the same in both databases.
    private static func columns(of table: String, _ sql: PostgresSession, _ db: Database) throws -> [String] {
        let target = try sql.rows("""
            SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position
            """, table).map { try $0.text(0) }
        let source = Set(try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table]))
        if let missing = source.subtracting(target).sorted().first {
            throw StoreError.invalid("table \(table), column \(missing): in the SQLite file but not on PostgreSQL")
        }
        if let missing = Set(target).subtracting(source).sorted().first {
            throw StoreError.invalid("table \(table), column \(missing): on PostgreSQL but not in the SQLite file")
        }
        return target
    }
}

extension RelationalStore {
    /// Moves the party in the SQLite file at `path` into the empty PostgreSQL database at
    /// `location` (``PartyMigration``), telling `progress` each table's rows as they go.
    public static func migrate(from path: String, to location: PostgresLocation,
                               progress: @escaping @Sendable (_ table: String, _ rows: Int) -> Void) async throws -> MigrationReport {
        try await PartyMigration.run(from: path, to: location, progress: progress)
    }
}
