import Foundation
import GRDB
public import WardenCore

extension SQLiteStore {
    public func disputeNotice(tokenHash: [UInt8], at instant: Timestamp) async throws -> Bool {
        try await pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, person_id, field, disputed_at FROM change_notice WHERE token_hash = ?",
                                             arguments: [Data(tokenHash)])
            else { return false }
            let id: Int64 = row["id"]
            let personID: Int64 = row["person_id"]
            guard (row["disputed_at"] as String?) == nil else { return true }
            try db.execute(sql: "UPDATE change_notice SET disputed_at = ? WHERE id = ?", arguments: [instant.description, id])
            try Self.insert(AuditEvent(
                at: instant, actorLabel: "member (notice link)", accountID: nil, action: .changeDisputed, purpose: nil,
                outcome: .allowed, detail: "notice \(id): \(row["field"] as String) change disputed", dataClasses: [],
                people: [PersonID(rawValue: personID)]), db)
            try Self.raise(AlertDraft(kind: .changeDisputed, accountID: nil, actor: "notice \(id)",
                                      detail: "a member says a change to their \(row["field"] as String) wasn't them (person \(personID))"),
                           at: instant, dedupeWithin: nil, db)
            return true
        }
    }

    public func dueMail(at instant: Timestamp, limit: Int) async throws -> [OutboxMail] {
        try await dueMail(at: instant, after: 0, limit: limit)
    }

    public func dueMail(at instant: Timestamp, after id: Int64, limit: Int) async throws -> [OutboxMail] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, recipient, subject, body, attempts FROM outbox
                WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND id > ? ORDER BY id LIMIT ?
                """, arguments: [instant.description, id, limit]).map { row in
                OutboxMail(id: row["id"], recipient: row["recipient"], subject: row["subject"], body: row["body"], attempts: row["attempts"])
            }
        }
    }

    public func mailBacklog(at instant: Timestamp) async throws -> MailBacklog {
        try await pool.read { db in
            let now = instant.description
            let due = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM outbox WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                """, arguments: [now]) ?? 0
            let waiting = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS waiting, MIN(next_attempt_at) AS next FROM outbox WHERE status = 'queued' AND next_attempt_at > ?
                """, arguments: [now])
            let failed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE status = 'failed'") ?? 0
            return MailBacklog(due: due, waitingToRetry: waiting?["waiting"] ?? 0,
                               nextAttempt: (waiting?["next"] as String?).flatMap(Timestamp.init(iso8601:)), failed: failed)
        }
    }

    public func recordDelivery(_ id: Int64, _ record: DeliveryRecord) async throws {
        try await pool.write { db in
            switch record {
            case .sent(let at):
                try db.execute(sql: "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                               arguments: [at.description, id])
            case .retry(let at, let attempts, let error):
                try db.execute(sql: "UPDATE outbox SET next_attempt_at = ?, attempts = ?, last_error = ? WHERE id = ?",
                               arguments: [at.description, attempts, error, id])
            case .gaveUp(let attempts, let error):
                try db.execute(sql: "UPDATE outbox SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?",
                               arguments: [attempts, error, id])
            }
        }
    }

    public func queueCounts() async throws -> QueueCounts {
        try await pool.read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return QueueCounts(
                mailQueued: try count("SELECT COUNT(*) FROM outbox WHERE status = 'queued'"),
                mailSent: try count("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"),
                mailFailed: try count("SELECT COUNT(*) FROM outbox WHERE status = 'failed'"),
                postalToPrint: try count("SELECT COUNT(*) FROM change_notice WHERE status = 'to_print'"),
                textsWithoutGateway: try count("SELECT COUNT(*) FROM change_notice WHERE status = 'no_gateway'"))
        }
    }
}
