import Foundation
import GRDB
public import WardenCore

extension SQLiteStore {
    public func raise(_ alert: AlertDraft, audit: AuditEvent) async throws {
        try await pool.write { db in
            try Self.insert(audit, db)
            try Self.raise(alert, at: audit.at, dedupeWithin: nil, db)
        }
    }

    public func alerts(all: Bool, limit: Int) async throws -> [Alert] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                \(Self.alertSelect) \(all ? "" : "WHERE acknowledged_at IS NULL") ORDER BY id DESC LIMIT ?
                """, arguments: [limit]).map(Self.alert(from:))
        }
    }

    public func alert(_ id: Int64) async throws -> Alert? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "\(Self.alertSelect) WHERE id = ?", arguments: [id]).map(Self.alert(from:))
        }
    }

    static let alertSelect = "SELECT id, at, kind, account_id, actor, detail, acknowledged_at, acknowledged_by FROM alert"

    static func alert(from row: Row) -> Alert {
        Alert(id: row["id"], at: Timestamp(iso8601: row["at"]) ?? Timestamp(secondsSince1970: 0),
              kind: AlertKind(rawValue: row["kind"]) ?? .outOfScope,
              accountID: (row["account_id"] as Int64?).map(AccountID.init(rawValue:)), actor: row["actor"],
              detail: row["detail"], acknowledgedAt: (row["acknowledged_at"] as String?).flatMap(Timestamp.init(iso8601:)),
              acknowledgedBy: row["acknowledged_by"])
    }

    public func acknowledgeAlert(_ id: Int64, by: String, audit: AuditEvent) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE alert SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL",
                           arguments: [audit.at.description, by, id])
            let changed = db.changesCount > 0
            if changed { try Self.insert(audit, db) }
            return changed
        }
    }

    /// Records an alert and queues its email to the DPO, inside the caller's transaction, by
    /// the engine-neutral rule (``AlertRaising``).
    static func raise(_ alert: AlertDraft, at: Timestamp, dedupeWithin seconds: Int64?, _ db: Database) throws {
        try AlertRaising.raise(alert, at: at, dedupeWithin: seconds, in: SQLiteAlerts(db: db))
    }
}

/// The alert ledger's primitives as SQLite statements.
struct SQLiteAlerts: AlertLedger {
    let db: Database

    func openAlertExists(like alert: AlertDraft, since: Timestamp) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM alert WHERE kind = ? AND account_id IS ? AND actor = ? AND acknowledged_at IS NULL AND at > ?)
            """), arguments: [alert.kind.rawValue, alert.accountID?.rawValue, alert.actor, since.description]) == true
    }

    func insertAlert(_ alert: AlertDraft, at instant: Timestamp) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO alert (at, kind, account_id, actor, detail) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [instant.description, alert.kind.rawValue, alert.accountID?.rawValue, alert.actor, alert.detail])
        return db.lastInsertedRowID
    }

    func dpoAddress() throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM setting WHERE key = 'dpo_email'"))
    }

    /// The one insert into the outbox: an email due at once (no next attempt set yet).
    func queueMail(to recipient: String, subject: String, body: String, at instant: Timestamp) throws {
        try db.cachedStatement(sql: "INSERT INTO outbox (created_at, recipient, subject, body) VALUES (?, ?, ?, ?)")
            .execute(arguments: [instant.description, recipient, subject, body])
    }
}
