import Foundation
public import WardenCore
public import WardenMail
import WardenStore

/// Change notices and the email outbox: a member's "this wasn't me", and delivery of
/// queued email (change notices, alerts to the DPO) through the configured SMTP relay.
public struct NoticeService: Sendable {
    let store: any WardenStore
    let relay: SMTPRelay?

    /// Records that the member who received the notice with `token` disputes the change,
    /// and alerts the DPO. The token is the only credential: it was sent to the member.
    public func dispute(token: String) async throws {
        guard try await store.disputeNotice(tokenHash: Authentication.hash(token), at: .now) else {
            throw WardenError.notFound("this link is not valid; contact the party's data protection officer")
        }
    }

    /// Sends every email due now, one at a time; each attempt's result is recorded with
    /// backoff for transient failures. Returns how many were sent. Without a relay, nothing
    /// is sent and the mail stays queued.
    @discardableResult
    public func deliverDueMail(policy: OutboxPolicy = OutboxPolicy(), limit: Int = 100) async throws -> Int {
        guard let relay else { return 0 }
        var sent = 0
        for mail in try await store.dueMail(at: .now, limit: limit) {
            var delivery = OutboxDelivery(attempts: mail.attempts, policy: policy)
            let outcome: OutboxDelivery.Outcome
            do {
                try await SMTPClient.send(MailMessage(recipient: mail.recipient, subject: mail.subject, body: mail.body,
                                                      messageID: "<outbox-\(mail.id)@\(relay.heloName)>"), via: relay)
                outcome = .sent
            } catch {
                outcome = .failed(error)
            }
            switch delivery.record(outcome, now: Date()) {
            case .sent(let at):
                try await store.recordDelivery(mail.id, .sent(at: Timestamp(secondsSince1970: Int64(at.timeIntervalSince1970))))
                sent += 1
            case .retry(let at, let attempts):
                try await store.recordDelivery(mail.id, .retry(at: Timestamp(secondsSince1970: Int64(at.timeIntervalSince1970)), attempts: attempts,
                                                               error: Self.describe(outcome)))
            case .gaveUp(let attempts, let reason):
                try await store.recordDelivery(mail.id, .gaveUp(attempts: attempts, error: reason))
            }
        }
        return sent
    }

    /// Queue sizes for the DPO's overview.
    public func counts(actor: Actor) async throws -> QueueCounts {
        guard AccessPolicy.mayReviewAudit(actor) else { throw WardenError.forbidden("only the data protection officer sees the queues") }
        return try await store.queueCounts()
    }

    private static func describe(_ outcome: OutboxDelivery.Outcome) -> String {
        guard case .failed(let error) = outcome else { return "" }
        return OutboxDelivery.describe(error)
    }
}
