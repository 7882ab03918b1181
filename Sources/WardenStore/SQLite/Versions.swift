import Foundation
import GRDB
import WardenCore

/// Makes the versions a write owes: for each person it touched, the record as it now stands
/// is read (``SnapshotReader``), rendered by the one renderer (``PersonState/init(_:)``) and,
/// when it differs from the person's last version, stored as a new version.
///
/// Writers mark people in the connection's `touched_person` temporary table (one row each)
/// and then call ``record(_:db:each:)`` in the same transaction; the returned binding goes
/// into the write's audit entry. Comparing with the last version rather than trusting the
/// writer means an import that changed nothing for someone makes no version for them.
enum Versioning {
    static func prepareTouched(_ db: Database) throws {
        // Created once per connection: GRDB empties its statement cache after any statement
        // that could change the schema, so "CREATE … IF NOT EXISTS" on every write would
        // recompile every statement that follows.
        let exists = try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = 'touched_person'
            """)) ?? false
        guard !exists else { return }
        try db.execute(sql: "CREATE TEMP TABLE touched_person (person_id INTEGER PRIMARY KEY)")
    }

    /// Marks `people` as touched by the current write.
    static func touch(_ people: some Sequence<Int64>, _ db: Database) throws {
        try prepareTouched(db)
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.touched_person (person_id) VALUES (?)")
        for id in people { try statement.execute(arguments: [id]) }
    }

    /// Versions every touched person whose record changed, empties the touched table, and
    /// returns the binding for the write's audit entry (`nil` when nothing changed).
    /// `each` sees every new version with the state it replaced.
    @discardableResult
    static func record(
        _ author: VersionAuthor, db: Database, each: (PersonVersion, PersonState?) throws -> Void = { _, _ in }
    ) throws -> VersionBinding? {
        try prepareTouched(db)
        defer { try? db.cachedStatement(sql: "DELETE FROM temp.touched_person").execute() }
        let insert = BulkStatement(try db.cachedStatement(sql: """
            INSERT INTO person_version (person_id, at, account_id, actor, grant_id, reason, fields, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """))
        let at = author.at.description
        var builder = VersionBinding.Builder()
        var records = try SnapshotReader(db, scope: .touched)
        while let (snapshot, previousText) = try records.next() {
            let state = PersonState(snapshot)
            guard previousText != state.text else { continue }
            let previous = previousText.map(PersonState.init(text:))
            let fields = PersonState.changedKeys(from: previous, to: state)
            insert.bind(1, snapshot.personID)
            insert.bind(2, at)
            insert.bind(3, author.accountID?.rawValue)
            insert.bind(4, author.actor)
            insert.bind(5, author.grantID)
            insert.bind(6, author.reason)
            insert.bind(7, fields.joined(separator: ","))
            insert.bind(8, state.text)
            try insert.execute()
            let version = PersonVersion(
                id: db.lastInsertedRowID, personID: PersonID(rawValue: snapshot.personID), at: author.at, accountID: author.accountID,
                actor: author.actor, grantID: author.grantID, reason: author.reason, fields: fields, state: state)
            builder.add(id: version.id, hash: version.hash)
            try each(version, previous)
        }
        return builder.finish()
    }

    /// A version as stored.
    static func version(from row: Row) -> PersonVersion {
        PersonVersion(
            id: row["id"], personID: PersonID(rawValue: row["person_id"]),
            at: Timestamp(iso8601: row["at"]) ?? Timestamp(secondsSince1970: 0),
            accountID: (row["account_id"] as Int64?).map(AccountID.init(rawValue:)), actor: row["actor"],
            grantID: row["grant_id"], reason: row["reason"],
            fields: (row["fields"] as String).split(separator: ",").map(String.init), state: PersonState(text: row["state"]))
    }

    static let versionColumns = "id, person_id, at, account_id, actor, grant_id, reason, fields, state"
}
