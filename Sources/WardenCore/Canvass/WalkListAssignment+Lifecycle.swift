/// The walk-list assignment lifecycle as a state machine: each transition checks the state
/// and returns what the store must do, so the rules are unit-tested without a database.
///
/// unassigned ──assign──▶ assigned(until) ──expiry / end──▶ unassigned
public enum WalkListLifecycle {
    /// What an assignment asks of the store.
    public struct Assign: Sendable, Hashable {
        /// The list's grant for the canvasser starts now and ends here.
        public var grantExpiresAt: Timestamp
    }

    /// Assigning the list to a canvasser for `hours` at `instant`: refused while someone
    /// else holds it, or for longer than ``WalkList/maximumAssignmentHours``.
    public static func assign(_ list: WalkList, hours: Int, at instant: Timestamp) throws -> Assign {
        guard (1...WalkList.maximumAssignmentHours).contains(hours) else {
            throw WardenError.invalidRequest("hours: from 1 to \(WalkList.maximumAssignmentHours)")
        }
        if let current = list.assignment, current.isActive(at: instant) {
            throw WardenError.conflict("walk list \(list.id) is held by \(current.username) until \(current.expiresAt)")
        }
        return Assign(grantExpiresAt: instant.adding(seconds: Int64(hours) * 3_600))
    }

    /// Taking the list back before it expires: the store revokes the list's grant.
    public static func end(_ list: WalkList, at instant: Timestamp) throws -> Int64 {
        guard let current = list.assignment, current.isActive(at: instant) else {
            throw WardenError.conflict("walk list \(list.id) is not assigned")
        }
        return current.grantID
    }
}
