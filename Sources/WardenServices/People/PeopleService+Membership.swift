import Foundation
public import WardenCore
import WardenGate

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
        return try await gate.changeMembership(of: id, event: event, reason: reason, actor: actor)
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
