import WardenCore

/// The reads verification makes beside the tree, through the session, in bounded chunks.
extension SessionLog: LogLedger {
    func loggedEntries() throws -> ChainedCursor<ChunkedCursor<LoggedEntry>, ChunkedCursor<LoggedEntry>> {
        let columns = "id, at, actor, account_id, action, purpose, outcome, detail, versions_first, versions_last, entry, leaf"
        // Rows without a place in the log first, then the entries in leaf order.
        let unplaced = ChunkedCursor(from: Int64.min) { [sql] after in
            try sql.rows("SELECT \(columns) FROM audit_event WHERE leaf IS NULL AND id >= ? ORDER BY id LIMIT ?", after, Self.chunk)
                .map { (try $0.integer(0), try Self.entry(from: $0)) }
        }
        let placed = ChunkedCursor(from: Int64.min) { [sql] after in
            try sql.rows("SELECT \(columns) FROM audit_event WHERE leaf >= ? ORDER BY leaf LIMIT ?", after, Self.chunk)
                .map { (try $0.integer(11), try Self.entry(from: $0)) }
        }
        return ChainedCursor(first: unplaced, second: placed)
    }

    static func entry(from row: SQLRow) throws -> LoggedEntry {
        LoggedEntry(
            rowID: try row.integer(0), leaf: try row.optionalInteger(11), bytes: try row.optionalBlob(10) ?? [],
            columns: LoggedEntry.Columns(
                at: Timestamp(iso8601: try row.text(1)), actor: try row.text(2), accountID: try row.optionalInteger(3),
                action: try row.text(4), purpose: try row.optionalText(5), outcome: try row.text(6), detail: try row.text(7),
                versionsFirst: try row.optionalInteger(8), versionsLast: try row.optionalInteger(9)))
    }

    func indexedPeople() throws -> ChunkedCursor<IndexedPerson> {
        // Whole events at a time, so a chunk never splits one event's people.
        ChunkedCursor(from: Int64.min) { [sql] after in
            guard let last = try sql.row("""
                SELECT MAX(event_id) FROM (SELECT event_id FROM audit_person WHERE event_id >= ? ORDER BY event_id LIMIT ?) AS chunk
                """, after, Self.chunk)?.optionalInteger(0) else { return [] }
            // At least a chunk's worth of rows unless these are the last: the cursor carries on after `last`.
            return try sql.rows("SELECT event_id, person_id FROM audit_person WHERE event_id >= ? AND event_id <= ? ORDER BY event_id, person_id",
                                after, last).map { (try $0.integer(0), IndexedPerson(event: try $0.integer(0), person: try $0.integer(1))) }
        }
    }

    func indexedPeople(event: Int64) throws -> [Int64] {
        try sql.rows("SELECT person_id FROM audit_person WHERE event_id = ?", event).map { try $0.integer(0) }
    }

    func versions() throws -> ChunkedCursor<PersonVersion> {
        ChunkedCursor(from: Int64.min) { [sql] after in
            try sql.rows("SELECT \(VersionRows.columns) FROM person_version WHERE id >= ? ORDER BY id LIMIT ?", after, Self.chunk)
                .map { (try $0.integer(0), try VersionRows.version(from: $0)) }
        }
    }
}

/// The records' primitives through the session: every person, a range of ids at a time.
struct SessionRecords: RecordLedger {
    let sql: any SQLSession

    func records() throws -> RangedSnapshots {
        RangedSnapshots(sql: sql, end: (try sql.row("SELECT MAX(id) FROM person")?.optionalInteger(0) ?? -1) + 1)
    }

    func versionedPeopleWithoutRecord() throws -> [Int64] {
        try sql.rows(ErasureRows.versionedWithoutRecord).map { try $0.integer(0) }
    }

    func erasureTallies() throws -> [ErasureTally] {
        try sql.rows(ErasureRows.tallies).map {
            ErasureTally(erasure: ErasureID(try $0.integer(0)), people: Int(try $0.integer(1)), versions: Int(try $0.integer(2)))
        }
    }

    func redactionsWithoutTombstone() throws -> [(version: Int64, person: Int64, erasure: Int64)] {
        try sql.rows(ErasureRows.redactedWithoutTombstone).map { (version: try $0.integer(0), person: try $0.integer(1), erasure: try $0.integer(2)) }
    }
}

/// Every person's snapshot in person order, read ``SessionLog/chunk`` ids at a time.
struct RangedSnapshots: StoreCursor {
    let sql: any SQLSession
    let end: Int64
    private var start = Int64(0)
    private var current: SessionSnapshots?

    init(sql: any SQLSession, end: Int64) {
        self.sql = sql
        self.end = end
    }

    mutating func next() throws -> RecordLine? {
        while true {
            if let line = try current?.next() { return line }
            guard start < end else { return nil }
            let upper = start + Int64(SessionLog.chunk)
            current = try SessionSnapshots(sql, .ids(start..<upper))
            start = upper
        }
    }
}

/// One cursor, then another.
struct ChainedCursor<First: StoreCursor, Second: StoreCursor>: StoreCursor where First.Element == Second.Element {
    var first: First
    var second: Second
    private var firstDone = false

    init(first: First, second: Second) {
        self.first = first
        self.second = second
    }

    mutating func next() throws -> First.Element? {
        if !firstDone {
            if let value = try first.next() { return value }
            firstDone = true
        }
        return try second.next()
    }
}
