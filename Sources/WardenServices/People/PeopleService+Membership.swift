import Foundation
public import WardenCore
import WardenStore

extension PeopleService {
    /// Moves a member through the membership lifecycle (``MembershipStatus/applying(_:)``) for
    /// `actor`, with a reason: a membership secretary over the member's area, or the local
    /// operator.
    ///
    /// The new status, its version and the audit entry land in one transaction. A move the
    /// lifecycle does not allow (reinstating an expelled member) changes nothing. A member who
    /// leaves good standing loses any account access at their very next request, and the
    /// DPO is alerted then. "Absent" and "not yours" give the same 404.
    public func changeMembership(
        of id: PersonID, event: MembershipEvent, reason: String, actor: Actor
    ) async throws -> (from: MembershipStatus, to: MembershipStatus) {
        let reason = try Self.oneLineReason(reason)
        let isOperator = if case .localOperator = actor.kind { true } else { false }
        let audit = AuditEvent(actor: actor, action: .write, purpose: .membershipAdministration, detail: "membership \(event.rawValue) (\(reason))")
        guard isOperator || actor.grants.contains(where: { $0.role == .membershipSecretary && $0.purpose == .membershipAdministration }) else {
            try await gate.refuse(audit, why: "no grant to change memberships", .forbidden("only a membership secretary changes a membership's status"))
        }
        let request = MembershipChangeRequest(
            personID: id, event: event,
            author: VersionAuthor(at: audit.at, accountID: actor.accountID, actor: actor.label, grantID: nil, reason: reason),
            audit: audit
        ) { record in
            if isOperator { return .allowed(grantID: nil) }
            guard let grant = AccessPolicy.membershipChangeGrant(of: record.placement, actor: actor) else { return .refused }
            return .allowed(grantID: grant.id)
        }
        switch try await store.changeMembership(request) {
        case .changed(let from, let to): return (from, to)
        case .refusedByLifecycle(let error): throw WardenError.conflict(error.description)
        case .notFound, .outOfScope: throw WardenError.notFound("no such member, or not one you may change")
        }
    }

    /// A reason for a write: one line, 1 to 200 characters.
    static func oneLineReason(_ reason: String) throws -> String {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 200, !reason.contains(where: \.isNewline) else {
            throw WardenError.invalidRequest("reason: say why, in one line of at most 200 characters")
        }
        return reason
    }
}
