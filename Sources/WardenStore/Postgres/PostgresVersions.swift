import WardenCore

/// PostgreSQL's side of versioning: the touched set as a temporary table the connection keeps
/// (emptied at every commit), the touched people's snapshots read through the session
/// (``SessionSnapshots``), and each version stored by its own statement.
struct PostgresVersions: VersionLedger {
    let sql: any SQLSession

    func touch(_ people: some Sequence<Int64>) throws {
        try prepare()
        for id in people {
            try sql.execute("INSERT INTO touched_person (person_id) VALUES (?) ON CONFLICT DO NOTHING", id)
        }
    }

    func touchedRecords() throws -> SessionSnapshots {
        try prepare()
        return try SessionSnapshots(sql, .touched("touched_person"))
    }

    func forgetTouched() {
        _ = try? sql.execute("DELETE FROM touched_person")
    }

    func insertVersion(person: Int64, author: VersionAuthor, fields: [String], state: PersonState) throws -> Int64 {
        try sql.insert("""
            INSERT INTO person_version (person_id, at, account_id, actor, grant_id, reason, fields, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """, person, author.at, author.accountID?.rawValue, author.actor, author.grantID, author.reason,
            fields.joined(separator: ","), state.text)
    }

    /// The temporary table, made once per connection; it empties itself when a transaction commits.
    private func prepare() throws {
        try sql.execute("CREATE TEMP TABLE IF NOT EXISTS touched_person (person_id bigint PRIMARY KEY) ON COMMIT DELETE ROWS")
    }
}

extension PostgresEngine: LedgerEngine {
    func write<T: Sendable>(areas: AreaCache, _ body: @escaping @Sendable (SQLLedger<PostgresVersions>) throws -> T) async throws -> T {
        try await transaction { session in try body(SQLLedger(session, areas: areas, versions: PostgresVersions(sql: session))) }
    }
}
