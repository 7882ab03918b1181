import Foundation
public import WardenCore
import WardenGate
import WardenStore

/// Alerts for the data protection officer.
public struct AlertService: Sendable {
    let gate: Gate
    let store: any AlertStore & AreaStore & GrantStore

    /// Open alerts (or all), newest first. Only the DPO (or the local operator) may list them.
    public func list(actor: Actor, all: Bool = false, limit: Int = 200) async throws -> [Alert] {
        try await requireReviewer(actor)
        return try await store.alerts(all: all, limit: limit)
    }

    /// Marks an alert as dealt with: by the DPO, and never one about themselves.
    public func acknowledge(_ id: Int64, actor: Actor) async throws {
        try await requireReviewer(actor)
        guard let alert = try await store.alert(id), alert.acknowledgedAt == nil else { throw WardenError.notFound("no open alert \(id)") }
        guard AccessPolicy.mayAcknowledge(alert, actor: actor) else {
            try await gate.refuse(AuditEvent(actor: actor, action: .alertAcknowledged, purpose: .dataProtection, detail: "alert \(id)"),
                                  by: actor, why: "about the acknowledger themselves", WardenError.forbidden("an alert about you is closed by someone else"))
        }
        let done = try await store.acknowledgeAlert(id, by: actor.label, audit: AuditEvent(
            actor: actor, action: .alertAcknowledged, purpose: .dataProtection, detail: "alert \(id)"))
        guard done else { throw WardenError.notFound("no open alert \(id)") }
    }

    /// Raises the read budget of the account a budget alert is about for a day (``BudgetRaise``),
    /// by as much again as its usual budget, and closes the alert; both on the record.
    public func raiseBudget(from id: Int64, reason: String, actor: Actor) async throws -> BudgetRaise {
        try await requireReviewer(actor)
        guard let alert = try await store.alert(id), alert.acknowledgedAt == nil, let account = alert.accountID else {
            throw WardenError.notFound("no open budget alert \(id)")
        }
        let event = AuditEvent(actor: actor, action: .alertAcknowledged, purpose: .dataProtection, detail: "read budget of \(alert.actor) raised for a day, from alert \(id)")
        if let refusal = BudgetRaise.decisionRefusal(alert, by: actor) {
            try await gate.refuse(event, by: actor, why: refusal, WardenError.forbidden(refusal))
        }
        let reason = Normalize.spaces(reason)
        guard !reason.isEmpty, reason.count <= 200 else { throw WardenError.invalidRequest("reason: a line of at most 200 characters") }
        let grants = try await store.currentGrants(at: .now).filter { $0.grant.accountID == account && !$0.grant.isPending }.map(\.grant)
        let budget = gate.dailyBudget(for: Actor(kind: .account(account, username: alert.actor), grants: grants)) ?? 0
        guard budget > 0 else { throw WardenError.invalidRequest("\(alert.actor) holds no grant with a read budget to raise") }
        let raise = BudgetRaise(accountID: account, extra: BudgetRaise.allowedExtra(for: budget), until: event.at.adding(seconds: BudgetRaise.hours * 3_600),
                                by: actor.label, reason: reason)
        var recorded = event
        recorded.detail += ": +\(raise.extra) people until \(raise.until); \(reason)"
        guard try await store.raiseBudget(raise, acknowledging: id, audit: recorded) else { throw WardenError.notFound("no open budget alert \(id)") }
        return raise
    }

    func requireReviewer(_ actor: Actor) async throws {
        try await gate.requireDataProtectionOfficer(actor, detail: "alerts", "only the data protection officer sees alerts")
    }
}

extension AlertService {
    /// Watches the members of `area` from `from` to `to` (a selection contest): while the
    /// period lasts, contact changes by others to many of them alert the DPO
    /// (``WatchLimits/membersInWatchedArea``). The DPO or the local operator sets it.
    public func watch(area: AreaID, from: Timestamp, to: Timestamp, reason: String, actor: Actor) async throws -> WatchedPeriod {
        try await requireReviewer(actor)
        guard from < to else { throw WardenError.invalidRequest("to: the period must end after it starts") }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 200 else { throw WardenError.invalidRequest("reason: say why, in at most 200 characters") }
        guard try await store.allAreas().contains(where: { $0.id == area }) else { throw WardenError.notFound("no such area") }
        return try await store.addWatchedPeriod(
            area: area, from: from, to: to, reason: reason, createdBy: actor.label,
            audit: AuditEvent(actor: actor, action: .investigation, purpose: .dataProtection, detail: "watch area \(area) from \(from) to \(to)"))
    }

    /// The watched periods in force now.
    public func watchedPeriods(actor: Actor) async throws -> [WatchedPeriod] {
        try await requireReviewer(actor)
        return try await store.watchedPeriods(at: .now)
    }
}
