/// One move of a membership, as the member's record lists it: from what, to what, on which
/// event, when, by whom and why. Written in the same transaction as the move and its version.
public struct MembershipHistoryEntry: Sendable, Hashable, Codable {
    public var at: Timestamp
    public var from: MembershipStatus
    public var to: MembershipStatus
    public var event: MembershipEvent
    /// The account that moved it, or the payments import or dues rules that did.
    public var by: String
    public var reason: String

    public init(at: Timestamp, from: MembershipStatus, to: MembershipStatus, event: MembershipEvent, by: String, reason: String) {
        self.at = at
        self.from = from
        self.to = to
        self.event = event
        self.by = by
        self.reason = reason
    }
}
