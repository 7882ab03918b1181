public import WardenCore
public import WardenGate
import WardenStore

/// Erasure on request (UK GDPR Art. 17), from the request to the tombstone: the DPO (or the
/// local operator, on the command line) asks, a second data protection officer approves and
/// so carries it out through the Gate, or refuses it; every step is on the record.
///
/// Each erasure carried out is appended to the ledger beside the key ring before anyone is
/// told it is done, and ``reconcile(actor:)`` brings a database and the ledger level: an older
/// copy, restored, has the erasures it lacks carried out again.
public struct ErasureService: Sendable {
    let gate: Gate
    let store: any ErasureStore
    let ledger: ErasureLedger

    /// What carrying out an erasure did, and what, if anything, still holds the erased bytes.
    public struct Done: Sendable {
        public var outcome: ErasureOutcome
        /// Set when the engine could not overwrite everything the erasure left behind.
        public var remaining: String?
    }

    /// Asks for `person` to be erased, saying why; `suppress` keeps the party from contacting
    /// them again. Waits for a second person's approval.
    public func request(person: PersonID, reason: String, suppress: Bool, actor: Actor) async throws -> Erasure {
        try await gate.requireDataProtectionOfficer(actor, detail: "erasure: request",
                                                    "only the data protection officer asks for an erasure")
        let draft = Erasure(kind: .request, reason: try Erasure.checkReason(SafeText.line(reason)), suppress: suppress,
                            people: [person], requestedBy: actor.label, requestedAt: .now)
        return try await store.requestErasure(draft, audit: AuditEvent(
            actor: actor, action: .erasure, purpose: .dataProtection, detail: "erasure: requested", people: [person]))
    }

    /// Approves the waiting request `id` and so carries it out, as the second person.
    public func approve(_ id: ErasureID, actor: Actor) async throws -> Done {
        let erasure = try await waiting(id, actor: actor)
        let outcome = try await gate.erase(erasure, actor: actor)
        return try await settle(outcome)
    }

    /// Refuses the waiting request `id`, saying why.
    public func refuse(_ id: ErasureID, reason: String, actor: Actor) async throws -> Erasure {
        let erasure = try await waiting(id, actor: actor)
        let why = try Erasure.checkReason(SafeText.line(reason))
        let now = Timestamp.now
        try await store.refuseErasure(id, by: actor.label, at: now, refusal: why, audit: AuditEvent(
            at: now, actor: actor, action: .erasure, purpose: .dataProtection, detail: "erasure \(id): refused", people: erasure.people))
        var refused = erasure
        refused.state = .refused
        refused.decidedBy = actor.label
        refused.decidedAt = now
        refused.refusal = why
        return refused
    }

    /// Erasures waiting for approval first, then the newest.
    public func erasures(limit: Int = 500, actor: Actor) async throws -> [Erasure] {
        try await gate.requireDataProtectionOfficer(actor, detail: "erasures: list", "only the data protection officer sees erasures")
        return try await store.erasures(limit: limit)
    }

    /// One erasure.
    public func erasure(_ id: ErasureID, actor: Actor) async throws -> Erasure {
        try await gate.requireDataProtectionOfficer(actor, detail: "erasure \(id): read", "only the data protection officer sees erasures")
        guard let erasure = try await store.erasure(id) else { throw WardenError.notFound("no erasure \(id)") }
        return erasure
    }

    /// What bringing the database and the ledger level did.
    public struct Reconciliation: Sendable, Hashable {
        /// Erasures from the ledger carried out again here, and the people they still found.
        public var reapplied: [ErasureID: Int] = [:]
        /// Erasures this database had carried out that the ledger lacked (a stop between the
        /// commit and the ledger's write), now appended.
        public var recorded: [ErasureID] = []
    }

    /// Carries out again every erasure in the ledger that this database lacks, and appends to
    /// the ledger every erasure the database holds that the ledger lacks. Run when a server
    /// starts, and by `warden erase reapply` after a restore. The local operator's alone.
    public func reconcile(actor: Actor) async throws -> Reconciliation {
        guard case .localOperator = actor.kind else {
            try await gate.refuse(AuditEvent(actor: actor, action: .erasure, purpose: .dataProtection, detail: "erasure ledger: reconcile"),
                                  by: actor, why: "not the local operator", .forbidden("reconciling the erasure ledger is the operator's"))
        }
        var result = Reconciliation()
        let done = try await store.doneErasures()
        let inDatabase = Set(done.map(\.id))
        let entries = try ledger.entries()
        let inLedger = Set(entries.map(\.id))
        for entry in entries where !inDatabase.contains(entry.id) {
            do {
                let outcome = try await gate.reapply(entry.erasure, actor: actor)
                result.reapplied[entry.id] = outcome.erasure.people.count
            } catch {
                // Several servers starting on one database each reconcile: if another carried
                // this erasure out first, it is done, and that is all this one wanted.
                guard try await store.erasure(entry.id)?.state == .done else { throw error }
            }
        }
        let missing = done.filter { !inLedger.contains($0.id) }
        try ledger.append(missing)
        result.recorded = missing.map(\.id)
        if !result.reapplied.isEmpty { _ = try await store.scrubFreedSpace() }
        return result
    }

    /// Writes a carried-out erasure to the ledger, then overwrites what it left in the files.
    func settle(_ outcome: ErasureOutcome) async throws -> Done {
        try record(outcome)
        return Done(outcome: outcome, remaining: try await store.scrubFreedSpace())
    }

    /// Writes a carried-out erasure to the ledger beside the key ring.
    func record(_ outcome: ErasureOutcome) throws {
        try ledger.append([outcome.erasure])
    }

    /// The request `id`, if it is waiting for approval; the DPO's to read.
    private func waiting(_ id: ErasureID, actor: Actor) async throws -> Erasure {
        let erasure = try await erasure(id, actor: actor)
        guard erasure.state == .awaitingApproval else {
            throw WardenError.conflict("erasure \(id) is \(erasure.state == .done ? "already carried out" : "refused"); nothing to decide")
        }
        return erasure
    }
}
