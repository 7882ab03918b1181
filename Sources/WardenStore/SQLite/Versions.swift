import Foundation
import GRDB
import WardenCore

/// Makes the versions a write owes: for each person it touched, the record as it now stands
/// is rendered as a ``PersonState`` and, when it differs from the person's last version,
/// stored as a new version.
///
/// Writers mark people in the connection's `touched_person` temporary table (one row each)
/// and then call ``record(_:db:each:)`` in the same transaction; the returned binding goes
/// into the write's audit entry. Comparing with the last version rather than trusting the
/// writer means an import that changed nothing for someone makes no version for them.
enum Versioning {
    /// `x` with backslash, line feed and tab escaped, as ``PersonState`` expects.
    private static func escaped(_ x: String) -> String {
        "replace(replace(replace(\(x), '\\', '\\\\'), char(10), '\\n'), char(9), '\\t')"
    }

    private static func line(_ key: String, _ value: String, optional: Bool = true) -> String {
        let rendered = "'\(key)=' || \(value) || char(10)"
        return optional ? "COALESCE(\(rendered), '')" : rendered
    }

    private static func contacts(_ kind: String) -> String {
        """
        COALESCE((SELECT group_concat('\(kind)=' || \(escaped("c.value")) || char(9) || c.consent || char(10), '')
                  FROM contact_point c WHERE c.person_id = p.id AND c.kind = '\(kind)'), '')
        """
    }

    /// The SQL rendering the current record of person `p` as ``PersonState`` text. Contact
    /// points come in the order of the `(person_id, kind, value)` unique index, so by value.
    static let stateSQL: String = [
        line("title", escaped("p.title")),
        line("forenames", escaped("p.forenames"), optional: false),
        line("surname", escaped("p.surname"), optional: false),
        line("date_of_birth", "p.date_of_birth"),
        "COALESCE((SELECT \(line("address", escaped("h.lines || char(10) || h.postcode"), optional: false)) FROM household h WHERE h.id = p.household_id), '')",
        """
        COALESCE((SELECT 'elector=' || e.polling_district_id || ' ' || e.prefix || '-' || e.number || '.' || e.suffix
                  || ' ' || \(escaped("e.markers")) || ' ' || COALESCE(e.franchise, '') || ' ' || COALESCE(e.attainer_date, '')
                  || ' ' || e.anonymous || e.opted_out || char(10)
                  FROM elector e WHERE e.person_id = p.id AND e.current = 1), '')
        """,
        """
        COALESCE((SELECT \(line("membership_number", escaped("m.membership_number"), optional: false))
                  || \(line("membership_status", "m.status", optional: false)) || \(line("joined_on", "m.joined_on"))
                  || \(line("status_since", "m.status_since")) || \(line("branch", "m.branch_area_id"))
                  || \(line("dues", "m.dues_pence || ' ' || COALESCE(m.dues_frequency, '')"))
                  FROM member m WHERE m.person_id = p.id), '')
        """,
        contacts("email"), contacts("phone"), contacts("postal"),
        // Canvass results, in the clear except the answers, which enter as the 16-byte tag
        // that authenticates their ciphertext: a swapped or altered ciphertext no longer opens.
        """
        COALESCE((SELECT group_concat('canvass=' || c.uid || ' ' || c.campaign_id || ' ' || COALESCE(c.walk_list_id, '-')
                  || ' ' || c.outcome || ' ' || c.channel || ' ' || c.do_not_contact || ' ' || c.at
                  || ' ' || COALESCE(hex(substr(c.sealed, -16, 16)), '-') || char(10), '')
                  FROM (SELECT * FROM canvass_contact WHERE person_id = p.id ORDER BY id) c), '')
        """,
    ].joined(separator: "\n || ")

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
        // CROSS JOIN keeps the touched rows outermost: the planner knows nothing of the temporary
        // table's size and would otherwise scan every person to version one. The statement is
        // long; caching it saves compiling it on every write.
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT p.id, \(stateSQL) AS state,
                   (SELECT v.state FROM person_version v WHERE v.person_id = p.id ORDER BY v.id DESC LIMIT 1) AS previous
            FROM temp.touched_person t CROSS JOIN person p ON p.id = t.person_id
            ORDER BY t.person_id
            """))
        while let row = try rows.next() {
            let state = PersonState(text: row["state"])
            let previousText: String? = row["previous"]
            guard previousText != state.text else { continue }
            let previous = previousText.map(PersonState.init(text:))
            let personID: Int64 = row["id"]
            let fields = PersonState.changedKeys(from: previous, to: state)
            insert.bind(1, personID)
            insert.bind(2, at)
            insert.bind(3, author.accountID?.rawValue)
            insert.bind(4, author.actor)
            insert.bind(5, author.grantID)
            insert.bind(6, author.reason)
            insert.bind(7, fields.joined(separator: ","))
            insert.bind(8, state.text)
            try insert.execute()
            let version = PersonVersion(
                id: db.lastInsertedRowID, personID: PersonID(rawValue: personID), at: author.at, accountID: author.accountID,
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
