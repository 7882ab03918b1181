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
    /// An organiser's request that the volunteer be given a canvasser account, waiting for an
    /// administrator.
    public var accountAsked: CanvasserAccountAsk?

    public init(personID: PersonID, name: String, areaID: AreaID?, status: VolunteerStatus, skills: Set<VolunteerSkill>,
                availability: String, source: String, createdAt: Timestamp, updatedAt: Timestamp, accountAsked: CanvasserAccountAsk? = nil) {
        self.personID = personID
        self.name = name
        self.areaID = areaID
        self.status = status
        self.skills = skills
        self.availability = availability
        self.source = source
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.accountAsked = accountAsked
    }
}

/// An organiser's request for a volunteer's canvasser account. Organisers do not make
/// accounts: an administrator opens it (a second person), with a canvasser grant over the
/// volunteer's area, which shows nobody until the volunteer is given a walk list.
public struct CanvasserAccountAsk: Sendable, Hashable, Codable {
    /// The username the organiser proposed.
    public var username: String
    /// Who asked (an account's username).
    public var askedBy: String
    public var askedAt: Timestamp
    /// The area the grant will cover: the volunteer's.
    public var areaID: AreaID

    public init(username: String, askedBy: String, askedAt: Timestamp, areaID: AreaID) {
        self.username = username
        self.askedBy = askedBy
        self.askedAt = askedAt
        self.areaID = areaID
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
