import Foundation
public import WardenCore

/// Mailing rows: the whole ``Mailing`` as JSON in `setup`, beside the columns it is found by.
enum MailingRows {
    static func mailings(_ sql: any SQLSession, where condition: String, limit: Int? = nil, _ arguments: any SQLBindable...) throws -> [Mailing] {
        let decoder = JSONDecoder()
        return try sql.rows("SELECT id, setup FROM mailing WHERE \(condition) ORDER BY id DESC" + (limit.map { " LIMIT \($0)" } ?? ""),
                            arguments.map(\.sqlValue)).map { row in
            var mailing = try decoder.decode(Mailing.self, from: Data(try row.text(1).utf8))
            mailing.id = MailingID(try row.integer(0))
            return mailing
        }
    }

    static func mailing(_ id: MailingID, _ sql: any SQLSession) throws -> Mailing {
        guard let mailing = try mailings(sql, where: "id = ?", id.rawValue).first else { throw StoreError.notFound("no mailing \(id)") }
        return mailing
    }

    /// The mailings sent to `person`, oldest first, each subject as they got it.
    static func received(by person: PersonID, _ sql: any SQLSession) throws -> [MailingReceived] {
        let firstName = try sql.row("SELECT forenames FROM person WHERE id = ?", person.rawValue)?.text(0)
        return try mailings(sql, where: "id IN (SELECT mailing_id FROM mailing_recipient WHERE person_id = ?)", person.rawValue).reversed().map {
            let area = try sql.row("SELECT name FROM area WHERE id = ?", $0.areaID.rawValue)?.text(0) ?? "area \($0.areaID)"
            return MailingReceived(mailing: $0.id, subject: MailingText.render($0, for: .init(firstName: firstName, area: area), unsubscribe: nil).subject,
                                   mailClass: $0.mailClass, sentAt: $0.sent?.at)
        }
    }

    /// Saves `mailing` if its row is still in state `expected`; false when it had moved on.
    static func save(_ mailing: Mailing, from expected: MailingState, _ sql: any SQLSession) throws -> Bool {
        try sql.execute("UPDATE mailing SET setup = ?, state = ? WHERE id = ? AND state = ?",
                        try StoredJSON.text(mailing), mailing.state.rawValue, mailing.id.rawValue, expected.rawValue) == 1
    }
}

/// The suppression list's rows: keyed hashes, never addresses.
enum SuppressionRows {
    static func all(_ sql: any SQLSession) throws -> [SuppressedHash] {
        try sql.rows("SELECT hash, reason, since, source, soft_bounces, deferred_until FROM mail_suppression ORDER BY hash").map(entry)
    }

    static func entry(of hash: [UInt8], _ sql: any SQLSession) throws -> SuppressionEntry? {
        try sql.row("SELECT hash, reason, since, source, soft_bounces, deferred_until FROM mail_suppression WHERE hash = ?", hash)
            .map(entry)?.entry
    }

    private static func entry(_ row: SQLRow) throws -> SuppressedHash {
        guard let reason = SuppressionReason(rawValue: try row.text(1)) else { throw SQLReadError(column: 1, expected: "a suppression reason") }
        return SuppressedHash(hash: try row.blob(0), entry: SuppressionEntry(
            reason: reason, since: try row.timestamp(2), source: try row.text(3), softBounces: try row.int(4),
            deferredUntil: try row.optionalTimestamp(5)))
    }

    /// Puts `hash` on the list for `entry`, keeping the stronger reason; true when it was not there.
    @discardableResult
    static func suppress(_ hash: [UInt8], _ entry: SuppressionEntry, _ sql: any SQLSession) throws -> Bool {
        guard let existing = try Self.entry(of: hash, sql) else {
            try sql.execute("INSERT INTO mail_suppression (hash, reason, since, source, soft_bounces, deferred_until) VALUES (?, ?, ?, ?, ?, ?)",
                            hash, entry.reason.rawValue, entry.since, entry.source, entry.softBounces, entry.deferredUntil)
            return true
        }
        let reason = existing.reason.strongest(entry.reason)
        if reason != existing.reason {
            try sql.execute("UPDATE mail_suppression SET reason = ?, since = ?, source = ? WHERE hash = ?",
                            reason.rawValue, entry.since, entry.source, hash)
        }
        return false
    }
}

extension RelationalStore {
    public func createMailing(_ draft: Mailing, audit: AuditEvent) async throws -> Mailing {
        try await engine.write { sql in
            var created = draft
            created.id = MailingID(try sql.insert("INSERT INTO mailing (area_id, state, setup, created_at) VALUES (?, ?, ?, ?) RETURNING id",
                                                  draft.areaID.rawValue, draft.state.rawValue, try StoredJSON.text(draft), draft.createdAt))
            _ = try MailingRows.save(created, from: created.state, sql)
            var event = audit
            event.detail = "mailing \(created.id): written, \(created.mailClass.rawValue) to \(created.audience.words) of area \(created.areaID)"
            try AuditRows.insert(event, sql)
            return created
        }
    }

    public func mailing(_ id: MailingID) async throws -> Mailing? {
        try await engine.read { sql in try MailingRows.mailings(sql, where: "id = ?", id.rawValue).first }
    }

    public func mailings(limit: Int) async throws -> [Mailing] {
        try await engine.read { sql in try MailingRows.mailings(sql, where: "TRUE", limit: limit) }
    }

    public func updateMailing(_ mailing: Mailing, from expected: MailingState, audit: AuditEvent) async throws -> Bool {
        try await engine.write { sql in
            guard try MailingRows.save(mailing, from: expected, sql) else { return false }
            try AuditRows.insert(audit, sql)
            return true
        }
    }

    public func suppress(_ entries: [SuppressedHash], audit: AuditEvent) async throws -> Int {
        try await engine.write { sql in
            var added = 0
            for entry in entries where try SuppressionRows.suppress(entry.hash, entry.entry, sql) { added += 1 }
            var event = audit
            event.detail += ": \(added) added, \(entries.count - added) already on the list"
            try AuditRows.insert(event, sql)
            return added
        }
    }

    public func recordSoftBounce(_ hash: [UInt8], at instant: Timestamp, source: String, audit: AuditEvent) async throws -> SuppressionEntry {
        try await engine.write { sql in
            var entry: SuppressionEntry
            if let existing = try SuppressionRows.entry(of: hash, sql) {
                entry = existing
            } else {
                entry = SuppressionEntry(reason: .deferred, since: instant, source: source)
                try SuppressionRows.suppress(hash, entry, sql)
            }
            entry.softBounces += 1
            if entry.softBounces >= SuppressionEntry.softBouncesToDefer {
                entry.deferredUntil = instant.adding(days: SuppressionEntry.deferralDays)
                entry.softBounces = 0
            }
            try sql.execute("UPDATE mail_suppression SET soft_bounces = ?, deferred_until = ? WHERE hash = ?",
                            entry.softBounces, entry.deferredUntil, hash)
            var event = audit
            event.detail += entry.deferredUntil.map { ": deferred until \($0)" } ?? ": soft bounce \(entry.softBounces) of \(SuppressionEntry.softBouncesToDefer)"
            try AuditRows.insert(event, sql)
            return entry
        }
    }

    public func suppression(of hash: [UInt8]) async throws -> SuppressionEntry? {
        try await engine.read { sql in try SuppressionRows.entry(of: hash, sql) }
    }

    public func suppressionList() async throws -> [SuppressedHash] {
        try await engine.read { sql in try SuppressionRows.all(sql) }
    }

    public func suppressionCounts() async throws -> [SuppressionReason: Int] {
        try await engine.read { sql in
            var counts: [SuppressionReason: Int] = [:]
            for row in try sql.rows("SELECT reason, COUNT(*) FROM mail_suppression GROUP BY reason") {
                if let reason = SuppressionReason(rawValue: try row.text(0)) { counts[reason] = try row.int(1) }
            }
            return counts
        }
    }

    public func unsubscribe(recipient: Int64, at instant: Timestamp) async throws -> UnsubscribeOutcome? {
        try await engine.write { sql in
            guard let row = try sql.row("SELECT mailing_id, person_id, address_hash FROM mailing_recipient WHERE id = ?", recipient) else {
                return nil
            }
            let mailing = MailingID(try row.integer(0))
            let added = try SuppressionRows.suppress(try row.blob(2), SuppressionEntry(
                reason: .unsubscribed, since: instant, source: "one-click unsubscribe (mailing \(mailing))"), sql)
            try AuditRows.insert(AuditEvent(
                at: instant, actorLabel: "recipient (unsubscribe link)", accountID: nil, action: .mailing, purpose: nil, outcome: .allowed,
                detail: "mailing \(mailing): recipient \(recipient) unsubscribed" + (added ? "" : " (already on the list)"), dataClasses: [],
                people: try row.optionalInteger(1).map { [PersonID($0)] } ?? []), sql)
            return UnsubscribeOutcome(mailing: mailing, newlySuppressed: added)
        }
    }
}
