import Foundation
public import WardenCore
@_spi(Gate) public import WardenStore

/// The one way to personal data: decide (policy), limit (budget), record (audit), unseal
/// (decrypt), and hand over only the permitted fields.
///
/// Services are handed the Gate and the narrow store protocols they need; none of those
/// reaches a person. The Gate alone opens the store's ``PersonalDataAccess`` (the `Gate`
/// SPI), works out from the pure ``AccessPolicy`` what the actor may do and see, and has the
/// store apply that, charge the read budget and record the access (or the refusal, with an
/// alert to the DPO) in the same transaction as the read or write. Every operation on a
/// person is one of its methods, in the files beside this one, and every refusal the policy
/// makes before the store is asked goes through ``refuse(_:by:why:alert:_:)``.
public struct Gate: Sendable {
    let store: any PersonalDataStore
    let log: any LogStore & AlertStore
    /// The area hierarchy, for decisions that depend on where a grant's area sits in it.
    let areas: any AreaStore
    /// Per-role daily budgets that override ``AccessPolicy/dailyBudget(for:)``.
    let budgets: [Role: Int]
    /// Opens special category data for readers whose fields include it.
    let envelope: Envelope
    /// Makes the "this wasn't me" links of change notices.
    let notices: NoticeMaker
    /// When contact changes by others alert the DPO.
    let watchLimits: WatchLimits

    public init(store: any WardenStore, budgets: [Role: Int], envelope: Envelope, notices: NoticeMaker, watchLimits: WatchLimits) {
        self.store = store.personalData.store
        log = store
        areas = store
        self.budgets = budgets
        self.envelope = envelope
        self.notices = notices
        self.watchLimits = watchLimits
    }

    /// Records `event` (what `actor` asked to do) as refused, saying why, and throws `error`:
    /// the one refusal path for every "no" the policy gives before the store is asked, here
    /// and in the services. With `alert`, the DPO is alerted in the same transaction as the
    /// record.
    ///
    /// An actor from the session cache is not refused: its grants may predate one just made.
    /// ``StandingChanged`` sends the request back to be resolved afresh and decided again.
    public func refuse(_ event: AuditEvent, by actor: Actor, why: String, alert: AlertDraft? = nil, _ error: WardenError) async throws -> Never {
        if actor.standing?.cached == true { throw StandingChanged() }
        var refused = event
        refused.outcome = .refused
        refused.detail += ": " + why
        if let alert {
            try await log.raise(alert, audit: refused)
        } else {
            try await log.append(refused)
        }
        throw error
    }
}

extension Gate {
    /// The distinct people `actor` may read in a rolling day, with this party's overrides;
    /// `nil` for no limit (the local operator).
    public func dailyBudget(for actor: Actor) -> Int? {
        AccessPolicy.dailyBudget(for: actor, overrides: budgets)
    }

    /// Throws, recording the refusal of `detail` for `purpose`, unless `actor` is the data
    /// protection officer (or the local operator): the one check in front of the DPO's own
    /// work (alerts, the audit trail, investigations, rollbacks, subject access), each
    /// refusal saying `message`.
    public func requireDataProtectionOfficer(_ actor: Actor, purpose: Purpose = .dataProtection, detail: String, _ message: String) async throws {
        guard AccessPolicy.mayReviewAudit(actor) else {
            try await refuse(AuditEvent(actor: actor, action: .refused, purpose: purpose, detail: detail), by: actor,
                             why: "not the data protection officer", .forbidden(message))
        }
    }
}
