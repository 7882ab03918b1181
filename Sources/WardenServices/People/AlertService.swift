public import WardenCore
import WardenStore

/// Alerts for the data protection officer.
public struct AlertService: Sendable {
    let store: any WardenStore

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
            try await store.append(AuditEvent(actor: actor, action: .alertAcknowledged, purpose: .dataProtection, outcome: .refused,
                                              detail: "alert \(id): about the acknowledger themselves"))
            throw WardenError.forbidden("an alert about you is closed by someone else")
        }
        let done = try await store.acknowledgeAlert(id, by: actor.label, audit: AuditEvent(
            actor: actor, action: .alertAcknowledged, purpose: .dataProtection, detail: "alert \(id)"))
        guard done else { throw WardenError.notFound("no open alert \(id)") }
    }

    func requireReviewer(_ actor: Actor) async throws {
        guard AccessPolicy.mayReviewAudit(actor) else {
            try await store.append(AuditEvent(actor: actor, action: .refused, purpose: .dataProtection, outcome: .refused,
                                              detail: "alerts: not the data protection officer"))
            throw WardenError.forbidden("only the data protection officer sees alerts")
        }
    }
}
