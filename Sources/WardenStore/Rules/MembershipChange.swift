import WardenCore

/// One move of a membership through its lifecycle, in the engine's write transaction: the
/// decision on the record as it stands, the lifecycle's rule, the new status, its version and
/// the audit entry.
struct MembershipChange<Ledger: WriteLedger> {
    let ledger: Ledger
    let request: MembershipChangeRequest

    func run() throws -> MembershipChangeOutcome {
        try ledger.checkStanding(request.standing)
        guard let record = try ledger.recordToWrite(request.personID, contacts: false) else { return .notFound }
        guard case .allowed(let grantID) = request.decide(record), let member = record.member else {
            try ledger.refuseWrite(request.audit, to: request.personID, why: "person outside the writer's grants",
                                   alert: "tried to change a membership outside their grants")
            return .outOfScope
        }
        let next: MembershipStatus
        do throws(MembershipTransitionError) {
            next = try member.status.applying(request.event)
        } catch {
            return .refusedByLifecycle(error)
        }
        try ledger.moveMembership(request.personID, from: member.status, to: next, event: request.event,
                                  author: request.author, grantID: grantID, audit: request.audit)
        return .changed(from: member.status, to: next)
    }
}
