/// Where one person stands with one event.
public enum RSVPState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Has a place.
    case going
    /// Waits for a place, in order (``EventPolicy/waitlistOrder``).
    case waitlisted
    /// Gave up their place or their turn.
    case cancelled
    /// Checked in at the door.
    case attended
    /// Had a place and did not come: a going RSVP once the event has ended (``EventPolicy/state(_:endedBy:)``).
    case noShow = "no_show"

    public var words: String {
        switch self {
        case .going: "going"
        case .waitlisted: "on the waiting list"
        case .cancelled: "cancelled"
        case .attended: "attended"
        case .noShow: "did not come"
        }
    }
}

/// One person's RSVP, as the door sees it when searching: who, and where they stand.
public struct EventRSVP: Sendable, Hashable, Codable {
    public var eventID: EventID
    public var personID: PersonID
    /// The person's name as their record holds it.
    public var name: String
    public var state: RSVPState
    /// The RSVP's place in the order they came in: the waitlist's order.
    public var position: Int64
    public var createdAt: Timestamp

    public init(eventID: EventID, personID: PersonID, name: String, state: RSVPState, position: Int64, createdAt: Timestamp) {
        self.eventID = eventID
        self.personID = personID
        self.name = name
        self.state = state
        self.position = position
        self.createdAt = createdAt
    }
}

/// What the organiser's page shows about an event's people: numbers, never names.
public struct EventNumbers: Sendable, Hashable, Codable {
    public var capacity: Int
    public var going = 0
    public var waitlisted = 0
    public var attended = 0
    public var noShow = 0
    public var cancelled = 0

    public init(capacity: Int) { self.capacity = capacity }

    /// Places left for a new RSVP (never below zero).
    public var spacesLeft: Int { max(0, capacity - going - attended - noShow) }

    /// Counts `states` as they stand at `instant` (``EventPolicy/state(_:endedBy:)``).
    public init(capacity: Int, states: [RSVPState], ends: Timestamp, at instant: Timestamp) {
        self.capacity = capacity
        for state in states { add(state, ended: instant >= ends) }
    }

    /// Counts `count` RSVPs stored as `stored`, as they stand once the event has `ended` or not.
    public mutating func add(_ stored: RSVPState, count: Int = 1, ended: Bool) {
        switch EventPolicy.state(stored, endedBy: ended) {
        case .going: going += count
        case .waitlisted: waitlisted += count
        case .attended: attended += count
        case .noShow: noShow += count
        case .cancelled: cancelled += count
        }
    }
}

/// One event a person replied to, as their subject access package shows it.
public struct EventAttendance: Sendable, Hashable, Codable {
    public var eventID: EventID
    public var title: String
    public var starts: Timestamp
    /// The address they replied from, if any (a walk-in may give none).
    public var email: String?
    public var state: RSVPState
    public var createdAt: Timestamp

    public init(eventID: EventID, title: String, starts: Timestamp, email: String?, state: RSVPState, createdAt: Timestamp) {
        self.eventID = eventID
        self.title = title
        self.starts = starts
        self.email = email
        self.state = state
        self.createdAt = createdAt
    }
}
