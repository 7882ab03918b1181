public import WardenCore

extension RelationalStore {
    public func append(_ event: AuditEvent) async throws {
        try await engine.write { sql in try AuditRows.insert(event, sql) }
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
        let eventID = try sql.insert("""
            INSERT INTO audit_event (at, actor, account_id, action, purpose, outcome, detail, data_classes, people_count,
                                     entry, versions_first, versions_last, leaf)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \(leaf)) RETURNING id
            """,
            event.at, event.actor, event.accountID?.rawValue, event.action.rawValue, event.purpose?.rawValue,
            event.outcome.rawValue, event.detail, event.dataClasses.sorted().map(\.rawValue).joined(separator: ","),
            event.people.count, event.entry, event.versions?.first, event.versions?.last)
        for id in Set(event.people) {
            try sql.execute("INSERT INTO audit_person (event_id, person_id) VALUES (?, ?)", eventID, id.rawValue)
        }
    }
}
