public import WardenCore

/// Alerts to the DPO, and the watched periods that make some of them.
public protocol AlertStore: Sendable {
    /// Records an alert and queues its email to the DPO.
    func raise(_ alert: AlertDraft, audit: AuditEvent) async throws
    /// Alerts, newest first; only unacknowledged ones unless `all`.
    func alerts(all: Bool, limit: Int) async throws -> [Alert]
    func acknowledgeAlert(_ id: Int64, by: String, audit: AuditEvent) async throws -> Bool
    /// Raises an account's read budget for a day and acknowledges the alert that asked for it,
    /// in one transaction; `false` when the alert is no longer open.
    func raiseBudget(_ raise: BudgetRaise, acknowledging alert: Int64, audit: AuditEvent) async throws -> Bool
    func alert(_ id: Int64) async throws -> Alert?
    /// Watches an area's members from `from` to `to` (a selection period).
    func addWatchedPeriod(area: AreaID, from: Timestamp, to: Timestamp, reason: String, createdBy: String,
                          audit: AuditEvent) async throws -> WatchedPeriod
    /// The watched periods in force at `instant`.
    func watchedPeriods(at instant: Timestamp) async throws -> [WatchedPeriod]
}
