/// Who a mailing goes to, as a rule over the mailing's area: never a list anyone picked by hand.
///
/// The store resolves the rule at the moment of sending, inside the transaction that queues
/// the emails, so the author sees a count and nothing else (``AudienceCount``).
public enum Audience: Sendable, Hashable, Codable {
    /// Members placed in the area: active, and those in arrears unless left out.
    case members(includeArrears: Bool)
    /// People placed in the area who are not current members (supporters found on the doorstep,
    /// former members): campaigning only.
    case supporters
    /// Volunteers who help in the area (lapsed ones left out), all of them or those who
    /// offered `skill`: campaigning only, as their sign-up's consent says.
    case volunteers(skill: VolunteerSkill?)
    /// The people who replied to an event in the area and still come (going, waiting, or
    /// checked in): a change of venue is a service message, an invitation campaigning.
    case eventReplies(EventID)

    /// Every rule, for forms: the volunteer rule once for all and once per skill.
    public static let all: [Audience] = [.members(includeArrears: true), .members(includeArrears: false), .supporters, .volunteers(skill: nil)]
        + VolunteerSkill.allCases.sorted().map { .volunteers(skill: $0) }

    /// What a refused rule's error says is expected.
    public static let expected = "audience: members, active_members, supporters, volunteers, volunteers:SKILL or event:ID"

    /// The rule's name in the API and on forms.
    public var name: String {
        switch self {
        case .members(let arrears): arrears ? "members" : "active_members"
        case .supporters: "supporters"
        case .volunteers(let skill): skill.map { "volunteers:\($0.rawValue)" } ?? "volunteers"
        case .eventReplies(let event): "event:\(event)"
        }
    }

    /// The rule named `name`, or `nil`.
    public init?(name: String) {
        switch name {
        case "members": self = .members(includeArrears: true)
        case "active_members": self = .members(includeArrears: false)
        case "supporters": self = .supporters
        case "volunteers": self = .volunteers(skill: nil)
        default:
            if name.hasPrefix("event:"), let id = Int64(name.dropFirst("event:".count)), id > 0 {
                self = .eventReplies(EventID(id))
                return
            }
            guard name.hasPrefix("volunteers:"), let skill = VolunteerSkill(rawValue: String(name.dropFirst("volunteers:".count))) else { return nil }
            self = .volunteers(skill: skill)
        }
    }

    /// Words for pages and the log; names no one.
    public var words: String {
        switch self {
        case .members(let arrears): arrears ? "members (active and in arrears)" : "active members"
        case .supporters: "supporters who are not members"
        case .volunteers(let skill): skill.map { "volunteers who offered \($0.words)" } ?? "volunteers"
        case .eventReplies(let event): "people coming to event \(event)"
        }
    }

    /// Whether a message of `mailClass` may go to this audience: a service message is for members.
    public func admits(_ mailClass: MailClass) -> Bool {
        switch self {
        case .members, .eventReplies: true
        case .supporters, .volunteers: mailClass == .campaigning
        }
    }
}

/// What the author of a mailing sees of its audience before sending: numbers only.
public struct AudienceCount: Sendable, Hashable, Codable {
    /// People the rule finds.
    public var people: Int
    /// Emails the send would queue now, one per address, after consent and suppression.
    public var emails: Int
    public var noEmail: Int
    public var noConsent: Int
    public var suppressed: Int
    public var shared: Int

    public init(people: Int, emails: Int, noEmail: Int, noConsent: Int, suppressed: Int, shared: Int) {
        self.people = people
        self.emails = emails
        self.noEmail = noEmail
        self.noConsent = noConsent
        self.suppressed = suppressed
        self.shared = shared
    }
}

extension Audience {
    /// Encoded as its ``name``: one word in the API and in the stored mailing.
    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let audience = Audience(name: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: Audience.expected))
        }
        self = audience
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
