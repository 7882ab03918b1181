import Foundation
public import WardenCore

extension RelationalStore {
    public func disputeNotice(tokenHash: [UInt8], at instant: Timestamp) async throws -> Bool {
        try await engine.write { sql in
            guard let row = try sql.row("SELECT id, person_id, field, disputed_at FROM change_notice WHERE token_hash = ?", tokenHash)
            else { return false }
            let id = try row.integer(0), personID = try row.integer(1), field = try row.text(2)
            guard try row.optionalText(3) == nil else { return true }
            try sql.execute("UPDATE change_notice SET disputed_at = ? WHERE id = ?", instant, id)
            try AuditRows.insert(AuditEvent(
                at: instant, actorLabel: "member (notice link)", accountID: nil, action: .changeDisputed, purpose: nil,
                outcome: .allowed, detail: "notice \(id): \(field) change disputed", dataClasses: [],
                people: [PersonID(rawValue: personID)]), sql)
            try AlertRows.raise(AlertDraft(kind: .changeDisputed, accountID: nil, actor: "notice \(id)",
                                           detail: "a member says a change to their \(field) wasn't them (person \(personID))"),
                                at: instant, dedupeWithin: nil, sql)
            return true
        }
    }

    public func dueMail(at instant: Timestamp, limit: Int) async throws -> [OutboxMail] {
        try await dueMail(at: instant, after: 0, limit: limit)
    }

    public func dueMail(at instant: Timestamp, after id: Int64, limit: Int) async throws -> [OutboxMail] {
        try await engine.read { sql in
            try sql.rows("""
                SELECT id, recipient, subject, body, attempts, list_unsubscribe FROM outbox
                WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND id > ? ORDER BY id LIMIT ?
                """, instant, id, limit).map { row in
                OutboxMail(id: try row.integer(0), recipient: try row.text(1), subject: try row.text(2), body: try row.text(3),
                           attempts: try row.int(4), listUnsubscribe: try row.optionalText(5))
            }
        }
    }

    public func mailBacklog(at instant: Timestamp) async throws -> MailBacklog {
        try await engine.read { sql in
            let due = try sql.count("""
                SELECT COUNT(*) FROM outbox WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                """, instant)
            let waiting = try sql.row("""
                SELECT COUNT(*), MIN(next_attempt_at) FROM outbox WHERE status = 'queued' AND next_attempt_at > ?
                """, instant)
            let failed = try sql.count("SELECT COUNT(*) FROM outbox WHERE status = 'failed'")
            return MailBacklog(due: due, waitingToRetry: try waiting?.int(0) ?? 0, nextAttempt: try waiting?.optionalTimestamp(1), failed: failed)
        }
    }

    public func recordDelivery(_ id: Int64, _ record: DeliveryRecord) async throws {
        try await engine.write { sql in
            switch record {
            case .sent(let at):
                try sql.execute("UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?", at, id)
                try OutboxRows.wipeSecret(id, sql)
            case .retry(let at, let attempts, let error):
                try sql.execute("UPDATE outbox SET next_attempt_at = ?, attempts = ?, last_error = ? WHERE id = ?", at, attempts, error, id)
            case .gaveUp(let attempts, let error):
                try sql.execute("UPDATE outbox SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?", attempts, error, id)
                try OutboxRows.wipeSecret(id, sql)
            }
        }
    }

    public func queueCounts() async throws -> QueueCounts {
        try await engine.read { sql in
            return QueueCounts(
                mailQueued: try sql.count("SELECT COUNT(*) FROM outbox WHERE status = 'queued'"),
                mailSent: try sql.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"),
                mailFailed: try sql.count("SELECT COUNT(*) FROM outbox WHERE status = 'failed'"),
                postalToPrint: try sql.count("SELECT COUNT(*) FROM change_notice WHERE status = 'to_print'"),
                textsWithoutGateway: try sql.count("SELECT COUNT(*) FROM change_notice WHERE status = 'no_gateway'"))
        }
    }
}

/// Mail whose body is a secret for its recipient alone (a ballot credential), or one email of
/// a mailing (its text is kept once, with the mailing): kept only until it is sent or given
/// up, then emptied, so the database holds it for minutes, not for ever.
enum OutboxRows {
    static let wiped = "(This message held a ballot credential and was removed once delivery ended.)"
    static let wipedMailing = "(One email of a mailing, removed once delivery ended; the mailing keeps its text.)"

    static func queueSecret(to recipient: String, subject: String, body: String, at instant: Timestamp, _ sql: any SQLSession) throws {
        try sql.execute("INSERT INTO outbox (created_at, recipient, subject, body, wipe_after_send) VALUES (?, ?, ?, ?, 1)",
                        instant, recipient, subject, body)
    }

    static func wipeSecret(_ id: Int64, _ sql: any SQLSession) throws {
        try sql.execute("""
            UPDATE outbox SET body = CASE WHEN mailing_recipient_id IS NULL THEN ? ELSE ? END WHERE id = ? AND wipe_after_send = 1
            """, wiped, wipedMailing, id)
    }
}
