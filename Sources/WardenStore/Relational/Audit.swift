public import WardenCore

extension RelationalStore {
    /// Appends an entry of its own (a refusal, a sign-in), durable when this returns.
    public func append(_ event: AuditEvent) async throws {
        try await engine.append(event)
    }

    public func recentAuditEvents(limit: Int) async throws -> [AuditEvent] {
        try await engine.read { sql in
            try sql.rows("SELECT entry FROM audit_event ORDER BY id DESC LIMIT ?", limit).compactMap { AuditEvent(entry: try $0.blob(0)) }
        }
    }
}

/// Audit entries as rows.
enum AuditRows {
    /// Appends `event` as the log's next entry inside the caller's transaction, so the record
    /// commits with the change; the other columns index the entry for investigations.
    ///
    /// On SQLite the write itself is the sequencer: the entry's leaf index is one past the
    /// largest, read and taken in the writer's transaction (SQLite has one writer at a time),
    /// so the indices have no gaps. On PostgreSQL, where transactions commit side by side, the
    /// entry is stored without one and the sequencer numbers entries in the order they
    /// committed.
    static func insert(_ event: AuditEvent, _ sql: any SQLSession) throws {
        let leaf = sql.dialect == .sqlite ? "(SELECT COALESCE(MAX(leaf), -1) + 1 FROM audit_event)" : "NULL"
        guard let eventID = try sql.rows("""
            INSERT INTO audit_event (\(columns.joined(separator: ", ")), leaf)
            VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")), \(leaf)) RETURNING id
            """, values(of: event)).first.map({ try $0.integer(0) }) else { throw SQLReadError(column: 0, expected: "an inserted id") }
        for id in Set(event.people) {
            try sql.execute("INSERT INTO audit_person (event_id, person_id) VALUES (?, ?)", eventID, id.rawValue)
        }
    }

    /// The columns of an entry's row besides its identifier and leaf, in ``values(of:)``'s order.
    static let columns = ["at", "actor", "account_id", "action", "purpose", "outcome", "detail", "data_classes", "people_count",
                          "entry", "versions_first", "versions_last"]

    static func values(of event: AuditEvent) -> [SQLValue] {
        [event.at.sqlValue, .text(event.actor), event.accountID?.rawValue.sqlValue ?? .null, .text(event.action.rawValue),
         event.purpose?.rawValue.sqlValue ?? .null, .text(event.outcome.rawValue), .text(event.detail),
         .text(event.dataClasses.sorted().map(\.rawValue).joined(separator: ",")), .integer(Int64(event.people.count)),
         .blob(event.entry), event.versions?.first.sqlValue ?? .null, event.versions?.last.sqlValue ?? .null]
    }
}
