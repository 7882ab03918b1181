public import WardenCore

/// Change notices' disputes and the outbox of emails waiting to go.
public protocol OutboxStore: Sendable {
    /// Records a member's "this wasn't me" on a notice and raises an alert; false for an unknown token.
    func disputeNotice(tokenHash: [UInt8], at instant: Timestamp) async throws -> Bool
    /// Emails due for an attempt at `instant`.
    func dueMail(at instant: Timestamp, limit: Int) async throws -> [OutboxMail]
    /// Emails due for an attempt at `instant` with an id above `id`, oldest first: a delivery
    /// run walks the queue with this cursor so each email is tried at most once per run.
    func dueMail(at instant: Timestamp, after id: Int64, limit: Int) async throws -> [OutboxMail]
    /// What the outbox still holds at `instant`: due, waiting to retry (and when), failed.
    func mailBacklog(at instant: Timestamp) async throws -> MailBacklog
    func recordDelivery(_ id: Int64, _ record: DeliveryRecord) async throws
    func queueCounts() async throws -> QueueCounts
}
