/// Someone who gives the party their time: a person, the area they help in, how far the
/// organisers have got with them, what they can do and when.
public struct Volunteer: Sendable, Hashable, Codable {
    public var personID: PersonID
    /// The person's name as their record holds it, for the organisers who may see it.
    public var name: String
    /// The area they help in; `nil` when the sign-up named none (only whole-party staff see them).
    public var areaID: AreaID?
    public var status: VolunteerStatus
    public var skills: Set<VolunteerSkill>
    /// When they can help, in their own words (``VolunteerPolicy/availabilityLimit`` characters at most).
    public var availability: String
    /// Where the volunteer came from: `sign-up form`, or the organiser who recorded them.
    public var source: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(personID: PersonID, name: String, areaID: AreaID?, status: VolunteerStatus, skills: Set<VolunteerSkill>,
                availability: String, source: String, createdAt: Timestamp, updatedAt: Timestamp) {
        self.personID = personID
        self.name = name
        self.areaID = areaID
        self.status = status
        self.skills = skills
        self.availability = availability
        self.source = source
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// How far the organisers have got with a volunteer.
public enum VolunteerStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Signed up and confirmed their address; nobody has spoken to them yet.
    case new
    /// An organiser has been in touch.
    case contacted
    /// Helping.
    case active
    /// Stopped helping, or stopped answering.
    case lapsed
}

/// What a volunteer can do: the party's fixed list, so organisers can find people by it.
public enum VolunteerSkill: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case canvassing
    case phoneBanking = "phone_banking"
    case leafleting
    case dataEntry = "data_entry"
    case driving
    case events
    case socialMedia = "social_media"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var words: String {
        switch self {
        case .canvassing: "canvassing"
        case .phoneBanking: "phone banking"
        case .leafleting: "leafleting"
        case .dataEntry: "data entry"
        case .driving: "driving"
        case .events: "events"
        case .socialMedia: "social media"
        }
    }
}
