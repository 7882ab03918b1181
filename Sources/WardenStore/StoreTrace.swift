public import WardenCore

/// A change to one person's contact details, as the services decided it.
public struct ContactChangeRequest: Sendable {
    public var personID: PersonID
    public var edits: [ContactEdit]
    /// Stamped on the version.
    public var author: VersionAuthor
    /// Describes the write; the store adds the person, the versions and the outcome.
    public var audit: AuditEvent
    /// The standing of the actor the decision was made for, checked first in the transaction.
    public var standing: AccessStanding?
    public var source: ContactPoint.Source
    /// Whether the change may be made to this person (their placement is only known in the
    /// transaction), and through which grant. Pure, from the policy.
    public var decide: @Sendable (PersonRecord) -> WriteDecision
    /// Members are told of changes someone else makes: a fresh token and its hash for each
    /// notice's "this wasn't me" link, and the link for a token. `nil` when the person
    /// makes the change themselves.
    public var notices: NoticeMaker?
    /// When someone else makes the change: the limits past which a burst of changes by the
    /// writer, or changes to many members of a watched area, alert the DPO (``ActivityWatch``),
    /// checked in the change's own transaction. `nil` when the person changes their own details.
    public var watch: WatchLimits?
    /// Makes the confirmation link of a change held during a ballot; `nil` for a change that
    /// is itself the release of a held one, or a rollback's restoration (never held).
    public var holds: NoticeMaker?

    public init(personID: PersonID, edits: [ContactEdit], author: VersionAuthor, audit: AuditEvent, standing: AccessStanding?,
                source: ContactPoint.Source, notices: NoticeMaker?, watch: WatchLimits?, holds: NoticeMaker?,
                decide: @escaping @Sendable (PersonRecord) -> WriteDecision) {
        self.personID = personID
        self.edits = edits
        self.author = author
        self.audit = audit
        self.standing = standing
        self.source = source
        self.notices = notices
        self.watch = watch
        self.holds = holds
        self.decide = decide
    }
}

/// The policy's answer for one write.
public enum WriteDecision: Sendable, Hashable {
    case refused
    /// Allowed through this grant (`nil` for the local operator).
    case allowed(grantID: Int64?)
}

/// Makes the tokens and links of change notices.
public struct NoticeMaker: Sendable {
    public var token: @Sendable () -> (token: String, hash: [UInt8])
    public var link: @Sendable (String) -> String
    /// The link that confirms a contact change held during a ballot (``HeldContactChange``).
    public var holdLink: @Sendable (String) -> String
    /// A campaigning email's one-click unsubscribe link (``UnsubscribeToken``).
    public var unsubscribeLink: @Sendable (String) -> String
    /// The link that confirms a volunteer's sign-up (``VolunteerSignUp``).
    public var volunteerLink: @Sendable (String) -> String
    /// The link that confirms an event's RSVP and, once followed, cancels it (``EventRSVPRequest``).
    public var eventLink: @Sendable (String) -> String

    public init(token: @escaping @Sendable () -> (token: String, hash: [UInt8]), link: @escaping @Sendable (String) -> String,
                holdLink: @escaping @Sendable (String) -> String = { "/contact-holds/" + $0 },
                unsubscribeLink: @escaping @Sendable (String) -> String = { "/unsubscribe/" + $0 },
                volunteerLink: @escaping @Sendable (String) -> String = { "/volunteer/confirm/" + $0 },
                eventLink: @escaping @Sendable (String) -> String = { "/events/rsvp/" + $0 }) {
        self.token = token
        self.link = link
        self.holdLink = holdLink
        self.unsubscribeLink = unsubscribeLink
        self.volunteerLink = volunteerLink
        self.eventLink = eventLink
    }
}


/// A version with what it replaced and where it is recorded.
public struct VersionChange: Sendable, Hashable {
    public var version: PersonVersion
    public var previous: PersonState?
    /// Leaf index of the audit entry that wrote it.
    public var entryIndex: Int64?
    /// The person's polling district (or, failing that, branch ward) now.
    public var placement: AreaID?
    /// The account's own person, when an account made it.
    public var authorPersonID: PersonID?

    public init(version: PersonVersion, previous: PersonState?, entryIndex: Int64?, placement: AreaID?, authorPersonID: PersonID?) {
        self.version = version
        self.previous = previous
        self.entryIndex = entryIndex
        self.placement = placement
        self.authorPersonID = authorPersonID
    }
}

/// An audit entry with its leaf index.
public struct LoggedEvent: Sendable, Hashable {
    public var index: Int64
    public var event: AuditEvent

    public init(index: Int64, event: AuditEvent) {
        self.index = index
        self.event = event
    }
}

/// An email waiting in the outbox.
public struct OutboxMail: Sendable, Hashable {
    public var id: Int64
    public var recipient: String
    public var subject: String
    public var body: String
    public var attempts: Int
    /// A campaigning email's one-click unsubscribe link, for its `List-Unsubscribe` header.
    public var listUnsubscribe: String?

    public init(id: Int64, recipient: String, subject: String, body: String, attempts: Int, listUnsubscribe: String? = nil) {
        self.id = id
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.attempts = attempts
        self.listUnsubscribe = listUnsubscribe
    }
}

/// The result of one delivery attempt, to record against an outbox email.
public enum DeliveryRecord: Sendable, Hashable {
    case sent(at: Timestamp)
    case retry(at: Timestamp, attempts: Int, error: String)
    case gaveUp(attempts: Int, error: String)
}

