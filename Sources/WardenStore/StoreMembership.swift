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

/// A payments report to record (``PaymentImport``): its lines already parsed, and what the
/// dues rules then apply on.
public struct PaymentImportRequest: Sendable {
    public var lines: [ImportLine<Payment>]
    public var options: ImportOptions
    /// The day the dues rules are applied for.
    public var today: CalendarDate
    /// Stamped on the versions of members the rules move.
    public var author: VersionAuthor
    /// The report's audit entry; the store adds the people paid and the counts.
    public var audit: AuditEvent
    /// Each move's audit entry; the store adds the member, the move and the rule.
    public var moveAudit: AuditEvent
    public var standing: AccessStanding?

    public init(lines: [ImportLine<Payment>], options: ImportOptions, today: CalendarDate, author: VersionAuthor,
                audit: AuditEvent, moveAudit: AuditEvent, standing: AccessStanding?) {
        self.lines = lines
        self.options = options
        self.today = today
        self.author = author
        self.audit = audit
        self.moveAudit = moveAudit
        self.standing = standing
    }
}
