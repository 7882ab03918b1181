public import WardenCore

/// Mailings apart from their audience, and the party's suppression list. Nothing here reads a
/// person or an address: the suppression list holds keyed hashes only, and the audience is the
/// Gate's (``AudienceStore``).
public protocol MailingStore: Sendable {
    /// Records `draft` (its identifier is assigned here) with `audit`.
    func createMailing(_ draft: Mailing, audit: AuditEvent) async throws -> Mailing
    func mailing(_ id: MailingID) async throws -> Mailing?
    /// The newest mailings first.
    func mailings(limit: Int) async throws -> [Mailing]
    /// Saves `mailing` as it now is, if it is still in state `expected` (so two approvers or
    /// two senders cannot both act on one state), with `audit`; false when it had moved on.
    func updateMailing(_ mailing: Mailing, from expected: MailingState, audit: AuditEvent) async throws -> Bool

    /// Puts each hash on the suppression list with its entry, in one transaction, keeping the
    /// stronger reason where one is already there (an entry never weakens), with `audit`;
    /// returns how many hashes were not on the list before.
    func suppress(_ entries: [SuppressedHash], audit: AuditEvent) async throws -> Int
    /// Counts a soft bounce of `hash`; the third defers the address (``SuppressionEntry``).
    func recordSoftBounce(_ hash: [UInt8], at instant: Timestamp, source: String, audit: AuditEvent) async throws -> SuppressionEntry
    /// The entry for `hash`, if any.
    func suppression(of hash: [UInt8]) async throws -> SuppressionEntry?
    /// The whole list, for an export, in hash order.
    func suppressionList() async throws -> [SuppressedHash]
    /// Entries by reason.
    func suppressionCounts() async throws -> [SuppressionReason: Int]
    /// Unsubscribes the recipient row a one-click link names: its address's hash goes on the
    /// list as ``SuppressionReason/unsubscribed``, with the log entry; `nil` for no such row.
    func unsubscribe(recipient: Int64, at instant: Timestamp) async throws -> UnsubscribeOutcome?
}
