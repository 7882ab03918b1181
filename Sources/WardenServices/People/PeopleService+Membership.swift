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

    /// Applies the party's dues rules on `today` (``DuesRules``): for a nightly job, or after
    /// a payments report that arrived some other way. Returns how many moved, by move.
    public func applyDuesRules(today: CalendarDate = Timestamp.now.date, actor: Actor) async throws -> [String: Int] {
        try await gate.applyDuesRules(today: today, actor: actor)
    }

    /// The party's dues rules.
    public func duesRules() async throws -> DuesRules {
        try await gate.duesRules()
    }

    /// Sets the party's grace periods: days after dues run out before a member is in arrears,
    /// and before they lapse.
    public func setDuesRules(arrearsAfterDays: Int, lapseAfterDays: Int, actor: Actor) async throws -> DuesRules {
        let rules = try DuesRules(arrearsAfterDays: arrearsAfterDays, lapseAfterDays: lapseAfterDays)
        try await gate.setDuesRules(rules, actor: actor)
        return rules
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
