import WardenCore

/// What raising an alert needs from an engine, inside the caller's transaction.
protocol AlertLedger {
    /// Whether an unacknowledged alert of `kind` for the same account and actor was raised after `since`.
    func openAlertExists(like alert: AlertDraft, since: Timestamp) throws -> Bool
    /// Stores the alert; returns its identifier.
    func insertAlert(_ alert: AlertDraft, at instant: Timestamp) throws -> Int64
    /// The DPO's address for alert emails, if one is set.
    func dpoAddress() throws -> String?
    /// Queues an email in the outbox, due at once.
    func queueMail(to recipient: String, subject: String, body: String, at instant: Timestamp) throws
}

/// Raising an alert, the same on every engine: an open alert of the same kind for the same
/// account and actor absorbs a repeat within `dedupeWithin` seconds; otherwise it is stored
/// and its email queued to the DPO. The email names the kind, the account and Warden's own
/// description of what happened, never anyone's personal data.
enum AlertRaising {
    static func raise(_ alert: AlertDraft, at instant: Timestamp, dedupeWithin seconds: Int64?, in ledger: some AlertLedger) throws {
        if let seconds, try ledger.openAlertExists(like: alert, since: instant.adding(seconds: -seconds)) { return }
        let id = try ledger.insertAlert(alert, at: instant)
        guard let recipient = try ledger.dpoAddress() else { return }
        try ledger.queueMail(
            to: recipient, subject: "Warden alert #\(id): \(String(alert.kind.rawValue.map { $0 == "_" ? " " : $0 }))",
            body: "Alert #\(id) at \(instant)\nKind: \(alert.kind.rawValue)\nAccount: \(alert.actor)\nDetail: \(alert.detail)\n\n"
                + "Review it on the Alerts page. This message holds no one's personal data.\n",
            at: instant)
    }
}
