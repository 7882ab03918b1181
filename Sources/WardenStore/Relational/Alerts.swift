public import WardenCore

extension RelationalStore {
    public func raise(_ alert: AlertDraft, audit: AuditEvent) async throws {
        try await engine.write { sql in
            try AuditRows.insert(audit, sql)
            try AlertRows.raise(alert, at: audit.at, dedupeWithin: nil, sql)
        }
    }

    public func alerts(all: Bool, limit: Int) async throws -> [Alert] {
        try await engine.read { sql in
            try sql.rows("\(AlertRows.select) \(all ? "" : "WHERE acknowledged_at IS NULL") ORDER BY id DESC LIMIT ?", limit)
                .map(AlertRows.alert(from:))
        }
    }

    public func alert(_ id: Int64) async throws -> Alert? {
        try await engine.read { sql in
            try sql.row("\(AlertRows.select) WHERE id = ?", id).map(AlertRows.alert(from:))
        }
    }

    public func raiseBudget(_ raise: BudgetRaise, acknowledging alert: Int64, audit: AuditEvent) async throws -> Bool {
        try await engine.write { sql in
            let changed = try sql.execute(
                "UPDATE alert SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL", audit.at, raise.by, alert) > 0
            guard changed else { return false }
            try sql.execute("INSERT INTO budget_raise (account_id, extra, until, by_actor, reason) VALUES (?, ?, ?, ?, ?)",
                            raise.accountID.rawValue, Int64(raise.extra), raise.until, raise.by, raise.reason)
            try AuditRows.insert(audit, sql)
            return true
        }
    }

    public func acknowledgeAlert(_ id: Int64, by: String, audit: AuditEvent) async throws -> Bool {
        try await engine.write { sql in
            let changed = try sql.execute(
                "UPDATE alert SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL", audit.at, by, id) > 0
            if changed { try AuditRows.insert(audit, sql) }
            return changed
        }
    }
}

/// Alerts as rows, and the alert ledger's primitives as statements both engines run.
struct AlertRows: AlertLedger {
    let sql: any SQLSession

    /// Records an alert and queues its email to the DPO, inside the caller's transaction, by
    /// the engine-neutral rule (``AlertRaising``).
    static func raise(_ alert: AlertDraft, at: Timestamp, dedupeWithin seconds: Int64?, _ sql: any SQLSession) throws {
        try AlertRaising.raise(alert, at: at, dedupeWithin: seconds, in: AlertRows(sql: sql))
    }

    static let select = "SELECT id, at, kind, account_id, actor, detail, acknowledged_at, acknowledged_by FROM alert"

    /// An alert from a row of ``select``.
    static func alert(from row: SQLRow) throws -> Alert {
        Alert(id: try row.integer(0), at: try row.timestamp(1), kind: AlertKind(rawValue: try row.text(2)) ?? .outOfScope,
              accountID: try row.optionalInteger(3).map(AccountID.init(rawValue:)), actor: try row.text(4),
              detail: try row.text(5), acknowledgedAt: try row.optionalTimestamp(6), acknowledgedBy: try row.optionalText(7))
    }

    func openAlertExists(like alert: AlertDraft, since: Timestamp) throws -> Bool {
        try sql.row("""
            SELECT EXISTS (SELECT 1 FROM alert WHERE kind = ? AND account_id IS NOT DISTINCT FROM ? AND actor = ?
                           AND acknowledged_at IS NULL AND at > ?)
            """, alert.kind.rawValue, alert.accountID?.rawValue, alert.actor, since)?.bool(0) ?? false
    }

    func insertAlert(_ alert: AlertDraft, at instant: Timestamp) throws -> Int64 {
        try sql.insert("INSERT INTO alert (at, kind, account_id, actor, detail) VALUES (?, ?, ?, ?, ?) RETURNING id",
                           instant, alert.kind.rawValue, alert.accountID?.rawValue, alert.actor, alert.detail)
    }

    func dpoAddress() throws -> String? {
        try sql.row("SELECT value FROM setting WHERE key = 'dpo_email'")?.text(0)
    }

    /// The one insert into the outbox: an email due at once (no next attempt set yet).
    func queueMail(to recipient: String, subject: String, body: String, at instant: Timestamp) throws {
        try sql.execute("INSERT INTO outbox (created_at, recipient, subject, body) VALUES (?, ?, ?, ?)", instant, recipient, subject, body)
    }
}
