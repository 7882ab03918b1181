/// The identity of a ``Ballot``.
public struct BallotID: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A members' ballot: a parliamentary selection, an officer election, a leadership ballot.
///
/// Seed 004: during a selection, members' contact details were changed so that ballots went
/// to someone else, and nothing could be audited afterwards. So a ballot fixes who may vote
/// (``FrozenElectorate``) and where they are reached before it opens, issues each voter one
/// credential and tells them of every issue, stores sealed rankings with no voter and no
/// time, and publishes a count anyone can redo. Its set-up is fixed when it is created;
/// what happens later (the freeze, the count) is recorded beside it.
public struct Ballot: Sendable, Hashable, Codable {
    public var id: BallotID
    public var title: String
    /// The area whose members make up the electorate (and every area under it).
    public var areaID: AreaID
    public var electorate: ElectorateRule
    /// In ballot-paper order; ``reopenNominations`` is the last when the party uses it.
    public var candidates: [String]
    public var seats: Int
    public var channels: Set<BallotChannel>
    /// When the electorate and its contact points are fixed, and contact changes start to be held.
    public var freezeAt: Timestamp
    public var opensAt: Timestamp
    public var closesAt: Timestamp
    /// The returning officer, then the two scrutineers: who hold the key's shares.
    public var trustees: [Trustee]
    /// Candidates' agents: see the count, the root and the marked register, never choices.
    public var agents: [BallotAgent]
    /// How long a credential issued again waits before it may be used: time for the voter,
    /// told of the issue, to say it was not them.
    public var coolingOffHours: Int
    public var createdBy: String
    public var createdAt: Timestamp
    /// Set at the freeze.
    public var frozen: FrozenElectorate?
    /// Set once the count is published.
    public var countedAt: Timestamp?

    /// The candidate the party adds where members may reject every nominee.
    public static let reopenNominations = "Re-open nominations"

    public init(id: BallotID = BallotID(0), title: String, areaID: AreaID, electorate: ElectorateRule, candidates: [String], seats: Int,
                channels: Set<BallotChannel>, freezeAt: Timestamp, opensAt: Timestamp, closesAt: Timestamp, trustees: [Trustee],
                agents: [BallotAgent] = [], coolingOffHours: Int = 48, createdBy: String, createdAt: Timestamp) {
        self.id = id
        self.title = title
        self.areaID = areaID
        self.electorate = electorate
        self.candidates = candidates
        self.seats = seats
        self.channels = channels
        self.freezeAt = freezeAt
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.trustees = trustees
        self.agents = agents
        self.coolingOffHours = coolingOffHours
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// One seat is a preferential (alternative) vote, several the single transferable vote:
    /// both counted by ``ScottishSTV``, which with one seat is the alternative vote.
    public var rule: String {
        seats == 1 ? "preferential vote (alternative vote)" : "single transferable vote (SSI 2011/399 Schedule 1)"
    }

    /// The name HPKE binds each sealed ranking to, so a ballot sealed for one ballot never opens for another.
    public var sealName: String { "ballot-\(id.rawValue)" }

    /// Where the ballot stands at `instant`.
    public func phase(at instant: Timestamp) -> BallotPhase {
        if countedAt != nil { return .counted }
        guard frozen != nil else { return .setUp }
        if instant < opensAt { return .frozen }
        return instant < closesAt ? .open : .closed
    }

    /// The trustee held by `account`, if any.
    public func trustee(_ account: AccountID?) -> Trustee? {
        trustees.first { $0.accountID == account }
    }
}

/// Who may vote: members of the ballot's area who joined on or before a date, and are in
/// good standing when they vote (in arrears counting only where the party allows it).
public struct ElectorateRule: Sendable, Hashable, Codable {
    public var joinedOnOrBefore: CalendarDate
    public var inArrearsMayVote: Bool

    public init(joinedOnOrBefore: CalendarDate, inArrearsMayVote: Bool) {
        self.joinedOnOrBefore = joinedOnOrBefore
        self.inArrearsMayVote = inArrearsMayVote
    }

    /// Whether a member in `status` may vote.
    public func admits(_ status: MembershipStatus) -> Bool {
        status == .active || (inArrearsMayVote && status == .inArrears)
    }
}

/// How a voter is handed their credential, and so how they vote.
public enum BallotChannel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// By email to the address held at the freeze.
    case online
    /// In person at a hustings, by the returning officer.
    case inPerson = "in_person"
    /// By post, on application, to the address held at the freeze.
    case postal

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var words: String {
        switch self {
        case .online: "online (by email)"
        case .inPerson: "in person"
        case .postal: "by post"
        }
    }
}

/// Where a ballot stands.
public enum BallotPhase: String, Sendable, Codable {
    /// Set up, electorate not fixed yet.
    case setUp = "set_up"
    /// Electorate fixed, contact details locked; not open yet.
    case frozen
    case open, closed, counted
}

/// One of the three who hold the ballot key's shares.
public struct Trustee: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Codable {
        case returningOfficer = "returning_officer"
        case scrutineer
    }

    public var role: Role
    public var accountID: AccountID
    public var username: String
    /// The trustee's age public key (`age1…`): their share is sealed to it at the freeze, so
    /// only they can read it.
    public var recipient: String?

    public init(role: Role, accountID: AccountID, username: String, recipient: String? = nil) {
        self.role = role
        self.accountID = accountID
        self.username = username
        self.recipient = recipient
    }
}

/// A candidate's agent: sees the electorate's count and root, and the marked register.
public struct BallotAgent: Sendable, Hashable, Codable {
    public var accountID: AccountID
    public var username: String

    public init(accountID: AccountID, username: String) {
        self.accountID = accountID
        self.username = username
    }
}

/// What the freeze fixed: the electorate's size and Merkle root (both in the log), the
/// ballot's public key, and the commitment to the seed that will draw any lot.
public struct FrozenElectorate: Sendable, Hashable, Codable {
    public var at: Timestamp
    public var size: Int
    /// RFC 9162 root over the sorted keyed references (``Electorate``), in hex.
    public var root: String
    /// The X25519 public key rankings are sealed to.
    public var publicKey: [UInt8]
    /// SHA-256 of the lot seed, in hex: logged at the freeze, the seed shown at the count.
    public var lotCommitment: String
    /// Members whose contact details were changed by someone else in the 60 days before the freeze.
    public var recentlyChanged: Int

    public init(at: Timestamp, size: Int, root: String, publicKey: [UInt8], lotCommitment: String, recentlyChanged: Int) {
        self.at = at
        self.size = size
        self.root = root
        self.publicKey = publicKey
        self.lotCommitment = lotCommitment
        self.recentlyChanged = recentlyChanged
    }
}
