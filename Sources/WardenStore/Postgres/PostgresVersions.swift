import WardenCore

/// PostgreSQL's side of versioning: the touched set as a temporary table the connection keeps
/// (emptied at every commit), the touched people's snapshots read through the session
/// (``SessionSnapshots``), and each version stored by its own statement, or many at once.
///
/// Writes commit side by side here, which SQLite never does, so two things SQLite gets from
/// its single writer are made explicit:
/// - A person's versions follow one another: the touched people are locked (in person order,
///   so two writes cannot wait on each other) before their records are read, so a write
///   versioning someone another write has just versioned waits for it and then starts from
///   its version. The lock is `FOR NO KEY UPDATE`, which the key-share locks the write's own
///   inserts took on the same rows (a contact's reference to its person) do not block, so two
///   writes that both added to one person cannot deadlock on the upgrade. A write touching
///   very many people (an import) locks the table instead.
/// - An audit entry's versions are one unbroken range: each write takes a block of
///   identifiers for as many people as it touched (`warden_version_block`) and gives back
///   what it did not use (`warden_version_return`).
///
/// A write touching very many people (an import) is versioned as sets: the touched people go in
/// with one statement per hundred thousand, their records are read a window of people at a
/// time, and their versions are sent with `COPY` (``Batching``).
struct PostgresVersions: VersionLedger {
    let session: PostgresSession
    private var sql: any SQLSession { session }
    private let block = Block()

    /// Identifiers taken and not yet used, for the versioning under way; versions gathered for
    /// one `COPY`; and whether this transaction has already made sure of the touched table, so
    /// it asks once, not per call.
    private final class Block {
        var next: Int64 = 0
        var last: Int64 = -1
        var tableReady = false
        var versions = CopyBatch("person_version", ["id", "person_id", "at", "account_id", "actor", "grant_id", "reason", "fields", "state"])
        var gathering = false
    }

    /// Above this many touched people, the whole table is locked rather than each row.
    static let rowLockLimit = 10_000

    /// When a write's versions are handled as sets.
    struct Batching: Sendable {
        /// Above this many touched people, versions are gathered and sent with `COPY`, and the
        /// records are read ``window`` people at a time. Below it each version is stored at
        /// once, where what follows in the write (a change notice) may refer to it.
        var bulkLimit = 1_000
        /// How many touched people's records are read at once, and versions sent at once.
        var window = 10_000
    }

    let batching: Batching

    init(sql: PostgresSession, batching: Batching = Batching()) {
        session = sql
        self.batching = batching
    }

    /// Writes commit side by side here: the person's row is locked `FOR NO KEY UPDATE`, which
    /// the key-share locks of inserts referring to the person do not block.
    func hold(_ person: Int64) throws {
        try sql.execute("SELECT 1 FROM person WHERE id = ? FOR NO KEY UPDATE", person)
    }

    func touch(_ people: some Sequence<Int64>) throws {
        try prepare()
        let ids = Array(people)
        if ids.count == 1 {
            try sql.execute("INSERT INTO touched_person (person_id) VALUES (?) ON CONFLICT DO NOTHING", ids[0])
            return
        }
        for start in stride(from: 0, to: ids.count, by: 100_000) {
            let chunk = ids[start..<min(start + 100_000, ids.count)].map(String.init).joined(separator: ",")
            try sql.execute("""
                INSERT INTO touched_person (person_id) SELECT unnest(string_to_array(?, ',')::bigint[]) ON CONFLICT DO NOTHING
                """, chunk)
        }
    }

    func touchedRecords() throws -> Records {
        try prepare()
        let touched = try sql.count("SELECT COUNT(*) FROM touched_person")
        if touched > Self.rowLockLimit {
            try sql.execute("LOCK TABLE person IN SHARE ROW EXCLUSIVE MODE")
        } else if touched > 0 {
            try sql.execute("SELECT id FROM person WHERE id IN (SELECT person_id FROM touched_person) ORDER BY id FOR NO KEY UPDATE")
        }
        if touched > 0 {
            block.next = try sql.row("SELECT warden_version_block(?)", touched)?.integer(0) ?? 0
            block.last = block.next + Int64(touched) - 1
        }
        block.gathering = touched > batching.bulkLimit
        guard block.gathering else { return Records(versions: self, windows: [], current: try SessionSnapshots(sql, .touched("touched_person"))) }
        let ids = try sql.rows("SELECT person_id FROM touched_person ORDER BY person_id").map { try $0.integer(0) }
        let windows = stride(from: 0, to: ids.count, by: batching.window).map { start in
            ids[start]..<(ids[min(start + batching.window, ids.count) - 1] + 1)
        }
        return Records(versions: self, windows: windows[...], current: nil)
    }

    /// The touched people's records, a window at a time when there are many; the versions
    /// gathered meanwhile are sent when the last record has been read (and so versioned).
    struct Records: StoreCursor {
        let versions: PostgresVersions
        var windows: ArraySlice<Range<Int64>>
        var current: SessionSnapshots?

        mutating func next() throws -> RecordLine? {
            while true {
                if let line = try current?.next() { return line }
                guard let window = windows.popFirst() else {
                    try versions.sendGathered()
                    return nil
                }
                current = try SessionSnapshots(versions.sql, .touchedWithin("touched_person", window))
            }
        }
    }

    func forgetTouched() {
        if block.next <= block.last {
            _ = try? sql.execute("SELECT warden_version_return(?, ?)", block.last, block.next - 1)
        }
        block.last = -1
        block.gathering = false
        _ = try? sql.execute("DELETE FROM touched_person")
    }

    func insertVersion(person: Int64, author: VersionAuthor, fields: [String], state: PersonState) throws -> Int64 {
        guard block.next <= block.last else { throw StoreError.invalid("a version beyond the people touched") }
        let id = block.next
        block.next += 1
        let row: [SQLValue] = [.integer(id), .integer(person), author.at.sqlValue, author.accountID?.rawValue.sqlValue ?? .null,
                               .text(author.actor), author.grantID.sqlValue, .text(author.reason), .text(fields.joined(separator: ",")),
                               .text(state.text)]
        if block.gathering {
            block.versions.append(row)
            if block.versions.count >= batching.window { try sendGathered() }
        } else {
            try sql.execute("""
                INSERT INTO person_version (id, person_id, at, account_id, actor, grant_id, reason, fields, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, row)
        }
        return id
    }

    /// Sends the versions gathered so far.
    func sendGathered() throws {
        try block.versions.flush(into: session)
    }

    /// The temporary table, made once per connection; it empties itself when a transaction
    /// commits. It is analysed once, holding one row: a table never analysed is guessed at
    /// thousands of rows, and the planner would then scan all of `person` and `elector` for a
    /// doorstep write that touched one person. The guess it leaves scales with the table's
    /// pages, so an import's touched set is still planned as large.
    private func prepare() throws {
        guard !block.tableReady else { return }
        block.tableReady = true
        guard try sql.row("SELECT to_regclass('pg_temp.touched_person') IS NULL")?.bool(0) == true else { return }
        try sql.execute("CREATE TEMP TABLE touched_person (person_id bigint PRIMARY KEY) ON COMMIT DELETE ROWS")
        try sql.execute("INSERT INTO touched_person (person_id) VALUES (0)")
        try sql.execute("ANALYZE touched_person")
        try sql.execute("DELETE FROM touched_person")
    }
}

extension PostgresEngine: LedgerEngine {
    func write<T: Sendable>(areas: AreaCache, _ body: @escaping @Sendable (SQLLedger<PostgresVersions>) throws -> T) async throws -> T {
        let batching = versionBatching
        return try await transaction { session in
            try body(SQLLedger(session, areas: areas, versions: PostgresVersions(sql: session, batching: batching)))
        }
    }
}
