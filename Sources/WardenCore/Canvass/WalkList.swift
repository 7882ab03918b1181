/// An ordered list of households for one canvassing session, assigned to one canvasser
/// until it expires (at most ``maximumAssignmentHours``).
///
/// The assignment is what gives the canvasser access: it comes with a grant scoped to this
/// list alone, ending when the assignment does.
public struct WalkList: Sendable, Hashable, Codable, Identifiable {
    public var id: WalkListID
    public var campaignID: CampaignID
    public var name: String
    public var pollingDistrictID: AreaID
    public var doors: Int
    public var assignment: WalkListAssignment?

    public init(id: WalkListID, campaignID: CampaignID, name: String, pollingDistrictID: AreaID, doors: Int,
                assignment: WalkListAssignment?) {
        self.id = id
        self.campaignID = campaignID
        self.name = name
        self.pollingDistrictID = pollingDistrictID
        self.doors = doors
        self.assignment = assignment
    }

    /// "sam until 2026-11-24T18:00:00Z" while someone holds the list at `instant`, for listings.
    public func holder(at instant: Timestamp) -> String? {
        assignment.flatMap { $0.isActive(at: instant) ? "\($0.username) until \($0.expiresAt)" : nil }
    }

    /// The longest a canvasser may hold a list.
    public static let maximumAssignmentHours = 48
    /// The most doors one list may have.
    public static let maximumDoors = 500
}

/// Who holds a walk list, through which grant, until when.
public struct WalkListAssignment: Sendable, Hashable, Codable {
    public var accountID: AccountID
    public var username: String
    public var grantID: Int64
    public var assignedAt: Timestamp
    public var expiresAt: Timestamp
    /// Set when an organiser took the list back early.
    public var endedAt: Timestamp?

    public init(accountID: AccountID, username: String, grantID: Int64, assignedAt: Timestamp, expiresAt: Timestamp,
                endedAt: Timestamp? = nil) {
        self.accountID = accountID
        self.username = username
        self.grantID = grantID
        self.assignedAt = assignedAt
        self.expiresAt = expiresAt
        self.endedAt = endedAt
    }

    /// In force at `instant`.
    public func isActive(at instant: Timestamp) -> Bool {
        endedAt == nil && assignedAt <= instant && instant < expiresAt
    }
}

/// One stop on a walk list: a household, in walking order, with the people to knock for.
public struct WalkStop: Sendable, Hashable, Codable {
    public var position: Int
    public var household: Household
    public var street: String
    /// The electors living there, in the order the list shows them.
    public var residents: [Resident]

    public init(position: Int, household: Household, street: String, residents: [Resident]) {
        self.position = position
        self.household = household
        self.street = street
        self.residents = residents
    }

    /// An elector at the door: the fields the reader may see, and the latest outcome on this list.
    public struct Resident: Sendable, Hashable, Codable {
        public var person: PersonView
        public var lastOutcome: ContactOutcome?

        public init(person: PersonView, lastOutcome: ContactOutcome?) {
            self.person = person
            self.lastOutcome = lastOutcome
        }
    }
}
