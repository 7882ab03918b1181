import Foundation
public import WardenCore
import WardenStore

extension PeopleService {
    /// Changes a person's contact details (one email, phone or postal address each) for
    /// `actor`, with a reason.
    ///
    /// The policy decides per person (a member their own details; an organiser, secretary or
    /// DPO those of people in their scope). The change lands as a new version bound into its
    /// audit entry, in one transaction; when someone other than the member makes it, notices
    /// go to the old and the new contact points. "Absent" and "not yours" give the same 404.
    public func changeContacts(
        of id: PersonID, edits: [ContactEdit], reason: String, actor: Actor, purpose: Purpose,
        source: ContactPoint.Source? = nil
    ) async throws -> ContactChangeOutcome {
        let reason = try Self.oneLineReason(reason)
        guard !edits.isEmpty else { throw WardenError.invalidRequest("give at least one of email, phone or postal") }
        let isOperator = if case .localOperator = actor.kind { true } else { false }
        let mayEverChange = isOperator || actor.grants.contains { grant in
            grant.purpose == purpose && [.member, .organiser, .membershipSecretary, .dataProtectionOfficer].contains(grant.role)
        }
        let event = AuditEvent(actor: actor, action: .write, purpose: purpose, detail: "contact details (\(reason))")
        guard mayEverChange else {
            try await gate.refuse(event, why: "no grant to change contact details", .forbidden(
                "your grants do not include changing people's contact details for \(purpose.rawValue.replacingOccurrences(of: "_", with: " "))"))
        }
        let base = noticeLinkBase
        let notices = actor.personID == id ? nil : NoticeMaker(
            token: { let token = Authentication.randomToken(); return (token, Authentication.hash(token)) },
            link: { base + "/notices/" + $0 })
        let request = ContactChangeRequest(
            personID: id, edits: edits,
            author: VersionAuthor(at: event.at, accountID: actor.accountID, actor: actor.label, grantID: nil, reason: reason),
            audit: event, source: source ?? (actor.personID == id ? .member : .manual), notices: notices,
            // Seed 004: hundreds of members' details changed in seconds, and nobody was told. Not
            // watched: a member's own change, and a rollback's restoration (itself a reviewed act).
            watch: actor.personID == id || source == .restored ? nil : watchLimits
        ) { record in
            if isOperator { return .allowed(grantID: nil) }
            guard let grant = AccessPolicy.contactChangeGrant(of: record.placement, actor: actor, purpose: purpose)
            else { return .refused }
            return .allowed(grantID: grant.id)
        }
        let outcome = try await store.changeContacts(request)
        switch outcome {
        case .notFound, .outOfScope: throw WardenError.notFound("no such person, or not one you may change")
        case .changed, .unchanged: return outcome
        }
    }
}
