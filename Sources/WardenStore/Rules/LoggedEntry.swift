import WardenCore

/// One row of the log as an engine stores it: its entry bytes, its place in the log and the
/// columns that index it for investigations. Verification checks the columns against the
/// entry, since investigations trust them.
struct LoggedEntry {
    /// The row's own identifier, which the people index refers to.
    var rowID: Int64
    /// The entry's leaf index; `nil` when the row has no place in the log.
    var leaf: Int64?
    var bytes: [UInt8]
    var columns: Columns

    /// The index columns, typed as the engine reads them back.
    struct Columns {
        /// `nil` when the stored time is not one Warden writes.
        var at: Timestamp?
        var actor: String
        var accountID: Int64?
        var action: String
        var purpose: String?
        var outcome: String
        var detail: String
        var versionsFirst: Int64?
        var versionsLast: Int64?

        /// Whether every column says what `event` says.
        func match(_ event: AuditEvent) -> Bool {
            at == event.at && actor == event.actor && accountID == event.accountID?.rawValue
                && action == event.action.rawValue && purpose == event.purpose?.rawValue
                && outcome == event.outcome.rawValue && detail == event.detail
                && versionsFirst == event.versions?.first && versionsLast == event.versions?.last
        }
    }
}
