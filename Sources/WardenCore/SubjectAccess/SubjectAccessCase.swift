/// The identity of a ``SubjectAccessCase``.
public struct SubjectAccessCaseID: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One subject access request (SAR) as the data protection officer handles it: who asked,
/// how and when, how their identity was checked, the people records it covers, and where it
/// stands against its legal deadline (``SubjectAccessDeadline``).
///
/// Its state moves only through ``SubjectAccessLifecycle``; every move is recorded in the log.
public struct SubjectAccessCase: Sendable, Hashable, Codable, Identifiable {
    public var id: SubjectAccessCaseID
    /// The requester as they named themselves: what the DPO searches with, not a person record.
    public var requester: String
    public var channel: SubjectAccessChannel
    public var receivedOn: CalendarDate
    public var openedBy: String
    public var openedAt: Timestamp
    public var state: SubjectAccessState
    /// How the requester's identity was checked, by whom and when (Art. 12(6)).
    public var identityCheck: IdentityCheck?
    public var extended: SubjectAccessExtension?
    /// Why a request was refused, or how the answer was sent.
    public var outcome: String?
    public var refusalGround: RefusalGround?
    /// The person records the DPO confirmed are the requester's: the package covers each.
    public var subjects: [PersonID]
    public var closedAt: Timestamp?
    /// The due date an alert was last raised for, so an extension's new date warns again.
    public var warnedFor: CalendarDate?
    public var overdueAlertedFor: CalendarDate?
    /// How many times the case has moved: a move is written only over the revision it was
    /// decided on, so two people acting on one case at once cannot both succeed.
    public var revision: Int64

    public init(id: SubjectAccessCaseID, requester: String, channel: SubjectAccessChannel, receivedOn: CalendarDate,
                openedBy: String, openedAt: Timestamp, state: SubjectAccessState = .received, identityCheck: IdentityCheck? = nil,
                extended: SubjectAccessExtension? = nil, outcome: String? = nil, refusalGround: RefusalGround? = nil,
                subjects: [PersonID] = [], closedAt: Timestamp? = nil, warnedFor: CalendarDate? = nil, overdueAlertedFor: CalendarDate? = nil, revision: Int64 = 0) {
        self.id = id
        self.requester = requester
        self.channel = channel
        self.receivedOn = receivedOn
        self.openedBy = openedBy
        self.openedAt = openedAt
        self.state = state
        self.identityCheck = identityCheck
        self.extended = extended
        self.outcome = outcome
        self.refusalGround = refusalGround
        self.subjects = subjects
        self.closedAt = closedAt
        self.warnedFor = warnedFor
        self.overdueAlertedFor = overdueAlertedFor
        self.revision = revision
    }

    /// The date the answer is due, with any extension.
    public var dueOn: CalendarDate {
        SubjectAccessDeadline.due(received: receivedOn, extensionMonths: extended?.months ?? 0)
    }

    /// Days from `today` to the due date: negative once overdue.
    public func daysLeft(on today: CalendarDate) -> Int { dueOn.days(since: today) }

    /// Whether an answer is still owed: the clock runs until the case is sent or refused.
    public var awaitsAnswer: Bool { state.awaitsAnswer }

    /// The alert the case calls for on `today`, if it has not been raised for this due date.
    public func dueAlert(on today: CalendarDate) -> DueAlert? {
        guard awaitsAnswer else { return nil }
        let left = daysLeft(on: today)
        if left < 0 { return overdueAlertedFor == dueOn ? nil : .overdue }
        if left <= SubjectAccessDeadline.warningDays { return warnedFor == dueOn ? nil : .dueSoon }
        return nil
    }

    /// The alerts a case raises.
    public enum DueAlert: String, Sendable, Hashable {
        case dueSoon = "due_soon"
        case overdue
    }

    /// How the requester's identity was checked.
    public struct IdentityCheck: Sendable, Hashable, Codable {
        public var method: String
        public var by: String
        public var at: Timestamp

        public init(method: String, by: String, at: Timestamp) {
            self.method = method
            self.by = by
            self.at = at
        }
    }
}

/// An extension of a case's deadline (Art. 12(3)): by how much, why, and when the requester
/// was told, which must be within the first month.
public struct SubjectAccessExtension: Sendable, Hashable, Codable {
    public var months: Int
    public var reason: String
    public var requesterToldOn: CalendarDate

    public init(months: Int, reason: String, requesterToldOn: CalendarDate) {
        self.months = months
        self.reason = reason
        self.requesterToldOn = requesterToldOn
    }
}

/// How a request arrived.
public enum SubjectAccessChannel: String, Sendable, Codable, CaseIterable {
    case email, post, phone
    case inPerson = "in_person"
    case webForm = "web_form"
    /// A member downloading their own record from their page.
    case selfService = "self_service"
}

/// Where a case stands.
public enum SubjectAccessState: String, Sendable, Codable, CaseIterable {
    case received
    case identityVerified = "identity_verified"
    case inPreparation = "in_preparation"
    case sent
    case refused
    case closed

    /// Whether an answer is still owed in this state.
    public var awaitsAnswer: Bool {
        switch self {
        case .received, .identityVerified, .inPreparation: true
        case .sent, .refused, .closed: false
        }
    }
}

/// Why a request may be refused.
public enum RefusalGround: String, Sendable, Codable, CaseIterable {
    /// Art. 12(5): manifestly unfounded.
    case manifestlyUnfounded = "manifestly_unfounded"
    /// Art. 12(5): manifestly excessive, in particular repetitive.
    case manifestlyExcessive = "manifestly_excessive"
    /// Art. 12(6): the requester's identity could not be established.
    case identityNotEstablished = "identity_not_established"
    /// An exemption of the Data Protection Act 2018, Schedules 2–4, named in the reason.
    case exemption
}

/// A case as shown on a given day: the case with its due date and the days left, which
/// depend on the day, so they are worked out as it is shown rather than stored.
public struct SubjectAccessCaseStatus: Sendable, Encodable {
    public var case_: SubjectAccessCase
    public var today: CalendarDate

    public init(_ case_: SubjectAccessCase, today: CalendarDate) {
        self.case_ = case_
        self.today = today
    }

    enum Keys: String, CodingKey { case dueOn, daysLeft }

    /// The case's own fields, then `dueOn` and (while an answer is owed) `daysLeft`, in one object.
    public func encode(to encoder: any Encoder) throws {
        try case_.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(case_.dueOn, forKey: .dueOn)
        if case_.awaitsAnswer { try container.encode(case_.daysLeft(on: today), forKey: .daysLeft) }
    }
}
