import WardenCore

/// The two things every rule that records does, inside the engine's write transaction.
protocol LogAppender {
    /// Appends `event` to the log.
    func append(_ event: AuditEvent) throws
    /// Raises `alert` (and queues its email to the DPO) unless the same kind is open for the
    /// same account and actor since `dedupeWithin` seconds before `instant`.
    func raise(_ alert: AlertDraft, at instant: Timestamp, dedupeWithin seconds: Int64?) throws
}
