public import WardenCore

/// A change of one membership's status through the lifecycle (``MembershipStatus/applying(_:)``).
public struct MembershipChangeRequest: Sendable {
    public var personID: PersonID
    public var event: MembershipEvent
    /// Stamped on the version.
    public var author: VersionAuthor
    /// Describes the write; the store adds the person, the version and the move.
    public var audit: AuditEvent
    /// The standing of the actor the decision was made for, checked first in the transaction.
    public var standing: AccessStanding?
    /// Whether this person's membership may be changed by the writer (their placement is only
    /// known in the transaction), and through which grant. Pure, from the policy.
    public var decide: @Sendable (PersonRecord) -> WriteDecision

    public init(personID: PersonID, event: MembershipEvent, author: VersionAuthor, audit: AuditEvent, standing: AccessStanding?,
                decide: @escaping @Sendable (PersonRecord) -> WriteDecision) {
        self.personID = personID
        self.event = event
        self.author = author
        self.audit = audit
        self.standing = standing
        self.decide = decide
    }
}

/// What became of a membership change.
public enum MembershipChangeOutcome: Sendable, Hashable {
    case changed(from: MembershipStatus, to: MembershipStatus)
    /// The lifecycle does not allow this move from the current status; nothing was written.
    case refusedByLifecycle(MembershipTransitionError)
    case notFound
    case outOfScope
}
