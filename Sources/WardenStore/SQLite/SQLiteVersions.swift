import Foundation
import GRDB
import WardenCore

/// SQLite's side of versioning: the touched set as a temporary table, the touched people's
/// snapshots read in person order (``SnapshotReader``), and versions stored through one
/// prepared statement (an import stores hundreds of thousands).
final class SQLiteVersions: VersionLedger {
    let db: Database
    private var versionInsert: BulkStatement?

    init(_ db: Database) {
        self.db = db
    }

    /// The touched set is a temporary table, created once per connection: GRDB empties its
    /// statement cache after any statement that could change the schema, so "CREATE … IF NOT
    /// EXISTS" on every write would recompile every statement that follows.
    static func prepareTouched(_ db: Database) throws {
        let exists = try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = 'touched_person'
            """)) ?? false
        guard !exists else { return }
        try db.execute(sql: "CREATE TEMP TABLE touched_person (person_id INTEGER PRIMARY KEY)")
    }

    /// Nothing to do: SQLite has one writer at a time, so the person is the write's already.
    func hold(_ person: Int64) throws {}

    func touch(_ people: some Sequence<Int64>) throws {
        try Self.touch(people, db)
    }

    /// Marks `people` as touched, for an import that versions them later in its transaction.
    static func touch(_ people: some Sequence<Int64>, _ db: Database) throws {
        try prepareTouched(db)
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.touched_person (person_id) VALUES (?)")
        for id in people { try statement.execute(arguments: [id]) }
    }

    func touchedRecords() throws -> SnapshotReader {
        try Self.prepareTouched(db)
        return try SnapshotReader(db, scope: .touched)
    }

    func forgetTouched() {
        try? db.cachedStatement(sql: "DELETE FROM temp.touched_person").execute()
    }

    func insertVersion(person: Int64, author: VersionAuthor, fields: [String], state: PersonState) throws -> Int64 {
        let insert = try versionInsert ?? BulkStatement(db.cachedStatement(sql: """
            INSERT INTO person_version (person_id, at, account_id, actor, grant_id, reason, fields, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """))
        versionInsert = insert
        insert.bind(1, person)
        insert.bind(2, author.at.description)
        insert.bind(3, author.accountID?.rawValue)
        insert.bind(4, author.actor)
        insert.bind(5, author.grantID)
        insert.bind(6, author.reason)
        insert.bind(7, fields.joined(separator: ","))
        insert.bind(8, state.text)
        try insert.execute()
        return db.lastInsertedRowID
    }
}

extension SQLLedger where Versions == SQLiteVersions {
    /// The ledger over a GRDB transaction.
    convenience init(_ db: Database, areas: AreaCache) {
        self.init(SQLiteSession(db: db), areas: areas, versions: SQLiteVersions(db))
    }
}
