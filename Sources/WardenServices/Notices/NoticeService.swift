import Foundation
public import WardenCore
public import WardenMail
import WardenStore

/// Change notices and the email outbox: a member's "this wasn't me", and delivery of
/// queued email (change notices, alerts to the DPO) through the configured SMTP relay.
public struct NoticeService: Sendable {
    let store: any OutboxStore
    let relay: SMTPRelay?
    /// Shared by every delivery run of this server, so the relay's rate holds across runs.
    let limiter: SMTPRateLimiter?

    init(store: any OutboxStore, relay: SMTPRelay?) {
        self.store = store
        self.relay = relay
        limiter = relay.flatMap(SMTPRateLimiter.init(for:))
    }

    /// Records that the member who received the notice with `token` disputes the change,
    /// and alerts the DPO. The token is the only credential: it was sent to the member.
    public func dispute(token: String) async throws {
        guard try await store.disputeNotice(tokenHash: Authentication.hash(token), at: .now) else {
            throw WardenError.notFound("this link is not valid; contact the party's data protection officer")
        }
    }

    /// Sends every email that is due, in batches of `batchSize`, and reports what was sent and
    /// what is left (waiting to retry after a temporary failure, given up, or queued during
    /// the run). Each attempt's result is recorded as it happens, with backoff for transient
    /// failures.
    ///
    /// The run walks the queue once by id, so each email is tried at most once per run: a
    /// relay that fails every message cannot keep the run going, and a message waiting for
    /// its backoff is reported rather than hammered. `progress` hears the running totals after
    /// each batch, for a long queue on a terminal. Without a relay, nothing is sent and the
    /// report shows everything as still due.
    @discardableResult
    public func deliverDueMail(
        policy: OutboxPolicy = OutboxPolicy(), batchSize: Int = 100,
        progress: (@Sendable (MailDeliveryReport) async -> Void)? = nil
    ) async throws -> MailDeliveryReport {
        var report = MailDeliveryReport()
        guard let relay else {
            report.backlog = try await store.mailBacklog(at: .now)
            return report
        }
        let started = Timestamp.now
        var cursor: Int64 = 0
        while true {
            let batch = try await store.dueMail(at: started, after: cursor, limit: max(1, batchSize))
            guard let last = batch.last else { break }
            try await deliver(batch, via: relay, policy: policy, into: &report)
            cursor = last.id
            if let progress { await progress(report) }
        }
        report.backlog = try await store.mailBacklog(at: .now)
        return report
    }

    /// One attempt at each email of a batch, over one connection to the relay, each recorded
    /// in the outbox and counted in `report`: one recipient's refusal is theirs alone.
    private func deliver(_ batch: [OutboxMail], via relay: SMTPRelay, policy: OutboxPolicy, into report: inout MailDeliveryReport) async throws {
        let messages = batch.map { mail in
            MailMessage(recipient: mail.recipient, subject: mail.subject, body: mail.body, messageID: "<outbox-\(mail.id)@\(relay.heloName)>",
                        // RFC 8058: one-click needs HTTPS; over plain HTTP the link stays in the body alone.
                        unsubscribeURL: mail.listUnsubscribe.flatMap { $0.hasPrefix("https://") ? $0 : nil })
        }
        let results = try await SMTPClient.send(messages, via: relay, rateLimiter: limiter)
        for (mail, result) in zip(batch, results) {
            let outcome: OutboxDelivery.Outcome = switch result {
            case .success: .sent
            case .failure(let error): .failed(error)
            }
            try await record(outcome, of: mail, policy: policy, into: &report)
        }
    }

    private func record(_ outcome: OutboxDelivery.Outcome, of mail: OutboxMail, policy: OutboxPolicy, into report: inout MailDeliveryReport) async throws {
        var delivery = OutboxDelivery(attempts: mail.attempts, policy: policy)
        switch delivery.record(outcome, now: Date()) {
        case .sent(let at):
            try await store.recordDelivery(mail.id, .sent(at: Self.timestamp(at)))
            report.sent += 1
        case .retry(let at, let attempts):
            try await store.recordDelivery(mail.id, .retry(at: Self.timestamp(at), attempts: attempts, error: Self.describe(outcome)))
            report.retryingNow += 1
        case .gaveUp(let attempts, let reason):
            try await store.recordDelivery(mail.id, .gaveUp(attempts: attempts, error: reason))
            report.failedNow += 1
        }
    }

    /// Rounded up, so a retry stored to the second is never due before its backoff ends.
    private static func timestamp(_ date: Date) -> Timestamp {
        Timestamp(secondsSince1970: Int64(date.timeIntervalSince1970.rounded(.up)))
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
