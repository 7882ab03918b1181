public import WardenCore

/// A mailing's audience over whichever engine (``AudienceResolution``): counted, or queued as
/// one email per address in the transaction that marks the mailing sent and logs the send.
extension RelationalStore {
    @_spi(Gate) public func countAudience(_ request: AudienceRequest) async throws -> AudienceCount {
        try await engine.standingWrite(request.standing, areas: areaCache) { sql, areas in
            let count = try AudienceResolution(request, at: request.audit.at, areas: areas, sql).count
            var event = request.audit
            event.detail += ": \(count.people) people, \(count.emails) emails"
            try AuditRows.insert(event, sql)
            return count
        }
    }

    @_spi(Gate) public func queueMailing(_ request: AudienceRequest) async throws -> MailingSend {
        try await engine.standingWrite(request.standing, areas: areaCache) { sql, areas in
            let at = request.audit.at
            var mailing = try MailingRows.mailing(request.mailing.id, sql)
            guard mailing.state == .approved else {
                throw StoreError.conflict("mailing \(mailing.id) is \(mailing.state.rawValue), not approved to send")
            }
            let resolution = try AudienceResolution(request, at: at, areas: areas, sql)
            guard MailingPolicy.approvalsCover(mailing, emails: resolution.count.emails) else {
                throw StoreError.conflict("mailing \(mailing.id) now reaches \(resolution.count.emails) emails, more than its approvals cover: "
                    + "withdraw it and submit it again for a second organiser's approval")
            }
            for recipient in resolution.recipients {
                let id = try sql.insert("INSERT INTO mailing_recipient (mailing_id, person_id, address_hash) VALUES (?, ?, ?) RETURNING id",
                                        mailing.id.rawValue, recipient.person, recipient.hash)
                let link = mailing.mailClass == .campaigning ? request.unsubscribeLink(id) : nil
                let text = MailingText.render(mailing, for: MergeFields.Values(firstName: recipient.firstName, area: request.areaName),
                                              unsubscribe: link)
                try sql.execute("""
                    INSERT INTO outbox (created_at, recipient, subject, body, wipe_after_send, mailing_recipient_id, list_unsubscribe)
                    VALUES (?, ?, ?, ?, 1, ?, ?)
                    """, at, recipient.address, text.subject, text.body, id, link)
            }
            let count = resolution.count
            let send = MailingSend(at: at, by: request.sender, audience: count.people, queued: count.emails, noEmail: count.noEmail,
                                   noConsent: count.noConsent, suppressed: count.suppressed, shared: count.shared)
            mailing.sent = send
            mailing.state = .sent
            guard try MailingRows.save(mailing, from: .approved, sql) else { throw StoreError.conflict("mailing \(mailing.id) was sent meanwhile") }
            var event = request.audit
            event.detail = "mailing \(mailing.id): sent, \(mailing.mailClass.rawValue) to \(mailing.audience.words) of area \(mailing.areaID); "
                + "\(send.queued) emails queued for \(send.audience) people (no email \(send.noEmail), no consent \(send.noConsent), "
                + "suppressed \(send.suppressed), shared address \(send.shared)); approved by "
                + (mailing.approvals.isEmpty ? "no one (none needed)" : mailing.approvals.map { "\($0.by.name) (\($0.kind.words))" }.joined(separator: ", "))
            try AuditRows.insert(event, sql)
            return send
        }
    }

    @_spi(Gate) public func mailingsSent(to person: PersonID) async throws -> [MailingReceived] {
        try await engine.read { sql in try MailingRows.received(by: person, sql) }
    }
}
