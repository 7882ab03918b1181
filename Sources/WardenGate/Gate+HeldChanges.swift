public import WardenCore
@_spi(Gate) public import WardenStore

/// Contact changes held while a voter's ballot is under way (``HeldContactChange``): listed
/// for the returning officer and agents, answered by the voter through the link sent to the
/// address they had at the freeze (or by the returning officer), and made after the cooling-off.
extension Gate {
    public func heldChanges(_ ballot: Ballot, actor: Actor) async throws -> [HeldContactChange] {
        let audit = AuditEvent(actor: actor, action: .ballot, purpose: .membershipAdministration, detail: "ballot \(ballot.id): held contact changes")
        guard BallotPolicy.maySeeRegister(actor, ballot) else {
            try await refuse(audit, by: actor, why: "not a trustee or agent of the ballot",
                             .forbidden("only the ballot's returning officer, scrutineers and agents see its held changes"))
        }
        return try await store.heldChanges(of: ballot.id, audit: audit)
    }

    /// The voter's answer through their link: no account, the token is the proof.
    public func answerHeldChange(tokenHash: [UInt8], confirm: Bool) async throws -> HeldContactChange.State {
        let audit = AuditEvent(at: .now, actorLabel: "voter, by the link sent at the freeze", accountID: nil, action: .ballot,
                               purpose: .selfService, outcome: .allowed, detail: "contact details held", dataClasses: [.contact], people: [])
        guard let state = try await store.answerHeldChange(HeldChangeAnswer(which: .token(tokenHash), confirm: confirm, audit: audit)) else {
            throw WardenError.notFound("no held change for this link")
        }
        return state
    }

    /// The returning officer's answer, having checked with the voter.
    public func answerHeldChange(_ id: Int64, on ballot: Ballot, confirm: Bool, actor: Actor) async throws -> HeldContactChange.State {
        let audit = AuditEvent(actor: actor, action: .ballot, purpose: .membershipAdministration, detail: "contact details held",
                               dataClasses: [.contact])
        guard BallotPolicy.mayRun(actor, ballot) else {
            try await refuse(audit, by: actor, why: "not the ballot's returning officer",
                             .forbidden("only ballot \(ballot.id)'s returning officer answers for a voter"))
        }
        guard let state = try await store.answerHeldChange(HeldChangeAnswer(which: .held(id, ballot: ballot.id), confirm: confirm, audit: audit)) else {
            throw WardenError.notFound("no held change \(id) on ballot \(ballot.id)")
        }
        return state
    }

    /// The housekeeping turn: confirmed changes made once cooled off, unconfirmed ones lapsed at the close.
    public func releaseHeldChanges(at instant: Timestamp = .now) async throws -> (applied: Int, lapsed: Int) {
        try await store.releaseHeldChanges(at: instant, notices: notices)
    }
}
