/// Identifies an event.
public struct EventID: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A meeting, street stall or canvassing session the party holds: what, where, when, how many
/// may come and who may come. Names nobody but the account that made it; the place is the
/// hall's or the street's address, which is not personal data.
public struct Event: Sendable, Hashable, Codable {
    public var id: EventID
    public var details: EventDetails
    /// The label of the account that created the event.
    public var createdBy: String
    /// A cancelled event takes no RSVPs; its people were emailed when it was cancelled.
    public var cancelled: Bool

    public init(id: EventID, details: EventDetails, createdBy: String, cancelled: Bool) {
        self.id = id
        self.details = details
        self.createdBy = createdBy
        self.cancelled = cancelled
    }
}

/// What an organiser says about an event: all of it shown on the public page.
public struct EventDetails: Sendable, Hashable, Codable {
    public var title: String
    public var description: String
    /// Where, as free text (a hall's address, a street corner).
    public var place: String
    /// The area it is for: who organises it (``OrganisingPolicy``).
    public var areaID: AreaID
    public var starts: Timestamp
    public var ends: Timestamp
    /// How many may come; RSVPs past it wait in order (``EventPolicy/waitlistOrder``).
    public var capacity: Int
    public var access: EventAccess

    public init(title: String, description: String, place: String, areaID: AreaID, starts: Timestamp, ends: Timestamp, capacity: Int, access: EventAccess) {
        self.title = title
        self.description = description
        self.place = place
        self.areaID = areaID
        self.starts = starts
        self.ends = ends
        self.capacity = capacity
        self.access = access
    }
}

/// Who may come to an event.
public enum EventAccess: String, Sendable, Hashable, Codable, CaseIterable {
    /// Anyone, through the public RSVP page.
    case `public`
    /// Members only: the public page refuses an RSVP.
    case membersOnly = "members_only"

    public var words: String {
        switch self {
        case .public: "open to everyone"
        case .membersOnly: "members only"
        }
    }
}
