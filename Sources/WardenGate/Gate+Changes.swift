public import WardenCore
@_spi(Gate) public import WardenStore

extension Gate {
    /// Changes a person's contact details for `actor`: the policy decides per person (a member
    /// their own details; an organiser, secretary or DPO those of people in their scope), and
    /// the change, its version, its notices and its audit entry land in one transaction. When
    /// someone other than the member makes it, notices go to the old and the new contact
    /// points. "Absent" and "not yours" give the same 404.
    public func changeContacts(
        of id: PersonID, edits: [ContactEdit], reason: String, actor: Actor, purpose: Purpose, source: ContactPoint.Source?
    ) async throws -> ContactChangeOutcome {
        let isOperator = if case .localOperator = actor.kind { true } else { false }
        let mayEverChange = isOperator || actor.grants.contains { grant in
            grant.purpose == purpose && [.member, .organiser, .membershipSecretary, .dataProtectionOfficer].contains(grant.role)
        }
        let event = AuditEvent(actor: actor, action: .write, purpose: purpose, detail: "contact details (\(reason))")
        guard mayEverChange else {
            try await refuse(event, by: actor, why: "no grant to change contact details", .forbidden(
                "your grants do not include changing people's contact details for \(purpose.words)"))
        }
        let own = actor.personID == id
        let request = ContactChangeRequest(
            personID: id, edits: edits,
            author: VersionAuthor(at: event.at, accountID: actor.accountID, actor: actor.label, grantID: nil, reason: reason),
            audit: event, standing: actor.standing, source: source ?? (own ? .member : .manual), notices: own ? nil : notices,
            // Seed 004: hundreds of members' details changed in seconds, and nobody was told. Not
            // watched: a member's own change, and a rollback's restoration (itself a reviewed act).
            watch: own || source == .restored ? nil : watchLimits,
            // Seed 004 again: during a ballot, a voter's details change only once confirmed at the
            // address they had at the freeze. A rollback restores what was there; it is not held.
            holds: source == .restored ? nil : notices
        ) { record in
            if isOperator { return .allowed(grantID: nil) }
            guard let grant = AccessPolicy.contactChangeGrant(of: record.placement, actor: actor, purpose: purpose)
            else { return .refused }
            return .allowed(grantID: grant.id)
        }
        let outcome = try await store.changeContacts(request)
        switch outcome {
        case .notFound, .outOfScope: throw WardenError.notFound("no such person, or not one you may change")
        case .changed, .unchanged, .held: return outcome
        }
    }

    /// Moves a member through the membership lifecycle for `actor`: a membership secretary
    /// over the member's area, or the local operator. The status, its version and the audit
    /// entry land in one transaction; a move the lifecycle does not allow changes nothing.
    public func changeMembership(
        of id: PersonID, event: MembershipEvent, reason: String, actor: Actor
    ) async throws -> (from: MembershipStatus, to: MembershipStatus) {
        let isOperator = if case .localOperator = actor.kind { true } else { false }
        let ownResignation = event == .resigned && actor.personID == id && !actor.grants.contains { $0.role == .membershipSecretary }
        let audit = AuditEvent(actor: actor, action: .write, purpose: ownResignation ? .selfService : .membershipAdministration,
                               detail: "membership \(event.rawValue) (\(reason))")
        guard AccessPolicy.mayChangeMemberships(actor, event: event) else {
            try await refuse(audit, by: actor, why: "no grant to change memberships", .forbidden("only a membership secretary changes a membership's status"))
        }
        let request = MembershipChangeRequest(
            personID: id, event: event,
            author: VersionAuthor(at: audit.at, accountID: actor.accountID, actor: actor.label, grantID: nil, reason: reason),
            audit: audit, standing: actor.standing
        ) { record in
            if isOperator { return .allowed(grantID: nil) }
            guard let grant = AccessPolicy.membershipChangeGrant(of: record.placement, actor: actor, event: event) else { return .refused }
            return .allowed(grantID: grant.id)
        }
        switch try await store.changeMembership(request) {
        case .changed(let from, let to): return (from, to)
        case .refusedByLifecycle(let error): throw WardenError.conflict(error.description)
        case .notFound, .outOfScope: throw WardenError.notFound("no such member, or not one you may change")
        }
    }
}
