/// Identifies a mailing.
public struct MailingID: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What kind of message a mailing is, which decides who may receive it.
///
/// Political messages to individuals are direct marketing (PECR reg. 22): email needs the
/// person's consent, and an objection is absolute. A service message (an AGM notice, ballot
/// papers) is not marketing and needs no consent, but goes to members only and carries no
/// campaigning; the author declares the class and it is on the record.
public enum MailClass: String, Sendable, Hashable, Codable, CaseIterable {
    case service, campaigning

    public var words: String {
        switch self {
        case .service: "service message (members only, no consent needed, no campaigning)"
        case .campaigning: "campaigning (only people who consented to email, never anyone who objected)"
        }
    }
}

/// Where a mailing is in its life: written, waiting for the approvals it needs, queued.
public enum MailingState: String, Sendable, Hashable, Codable, CaseIterable {
    case draft
    case awaitingApproval = "awaiting_approval"
    case approved
    case sent
    case withdrawn
}

/// An email to a rule-chosen audience, written by an organiser who never sees the list.
///
/// Seeds 000 and 001: a comms tool that hands organisers thousands of contact details is
/// switched off for everyone the day some of them leave. Here the author writes the message
/// and picks a rule; Warden counts the audience, shows how the message renders, and queues
/// one email per address inside the store, so no address ever reaches the author.
public struct Mailing: Sendable, Hashable, Codable {
    public var id: MailingID
    /// The area the mailing is for: its audience lies within it, and its author's grant covers it.
    public var areaID: AreaID
    public var subject: String
    /// Markdown, with merge fields (``MergeFields``); sent as plain text, which Markdown is written to read as.
    public var body: String
    public var mailClass: MailClass
    public var audience: Audience
    /// About a candidate in a selection: during a ballot over the area, the returning officer
    /// must approve it (equal access). Set by the author, and set by Warden when the text
    /// names a candidate.
    public var aboutCandidates: Bool
    public var author: MailingPerson
    public var createdAt: Timestamp
    public var state: MailingState
    /// The approvals asked for when the mailing was submitted.
    public var approvalsNeeded: [MailingApproval.Kind]
    public var approvals: [MailingApproval]
    public var sent: MailingSend?

    public init(id: MailingID, areaID: AreaID, subject: String, body: String, mailClass: MailClass, audience: Audience,
                aboutCandidates: Bool, author: MailingPerson, createdAt: Timestamp) {
        self.id = id
        self.areaID = areaID
        self.subject = subject
        self.body = body
        self.mailClass = mailClass
        self.audience = audience
        self.aboutCandidates = aboutCandidates
        self.author = author
        self.createdAt = createdAt
        state = .draft
        approvalsNeeded = []
        approvals = []
        sent = nil
    }

    /// The approvals still missing.
    public var approvalsMissing: [MailingApproval.Kind] {
        approvalsNeeded.filter { kind in !approvals.contains { $0.kind == kind } }
    }
}

/// An account named on a mailing: its author, or one who approved it.
public struct MailingPerson: Sendable, Hashable, Codable {
    public var accountID: AccountID?
    public var name: String
    public init(accountID: AccountID?, name: String) {
        self.accountID = accountID
        self.name = name
    }
}

/// A second person's yes to a mailing.
public struct MailingApproval: Sendable, Hashable, Codable {
    public enum Kind: Sendable, Hashable, Codable {
        /// Another organiser over the area, for sends to more than ``MailingPolicy/secondPersonAbove`` people.
        case secondPerson
        /// The returning officer of a selection ballot over the area, for a mailing about its candidates.
        case returningOfficer(BallotID)

        public var words: String {
            switch self {
            case .secondPerson: "a second organiser over the area"
            case .returningOfficer(let ballot): "the returning officer of ballot \(ballot)"
            }
        }

        private enum CodingKeys: String, CodingKey { case kind, ballot }

        /// `{"kind": "second_person"}` or `{"kind": "returning_officer", "ballot": 3}`.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch try container.decode(String.self, forKey: .kind) {
            case "second_person": self = .secondPerson
            case "returning_officer": self = .returningOfficer(try container.decode(BallotID.self, forKey: .ballot))
            default: throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "second_person or returning_officer")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .secondPerson: try container.encode("second_person", forKey: .kind)
            case .returningOfficer(let ballot):
                try container.encode("returning_officer", forKey: .kind)
                try container.encode(ballot, forKey: .ballot)
            }
        }
    }

    public var kind: Kind
    public var by: MailingPerson
    public var at: Timestamp

    public init(kind: Kind, by: MailingPerson, at: Timestamp) {
        self.kind = kind
        self.by = by
        self.at = at
    }
}

/// What a send did: how many were queued, and why the others were not.
public struct MailingSend: Sendable, Hashable, Codable {
    public var at: Timestamp
    public var by: MailingPerson
    /// People the rule found.
    public var audience: Int
    /// Emails queued, one per address.
    public var queued: Int
    /// People with no email address.
    public var noEmail: Int
    /// People whose email address has no consent to email (campaigning only).
    public var noConsent: Int
    /// Addresses on the suppression list, or erased and not to be contacted again.
    public var suppressed: Int
    /// Addresses shared with someone earlier in the audience, who got the one email.
    public var shared: Int

    public init(at: Timestamp, by: MailingPerson, audience: Int, queued: Int, noEmail: Int, noConsent: Int, suppressed: Int, shared: Int) {
        self.at = at
        self.by = by
        self.audience = audience
        self.queued = queued
        self.noEmail = noEmail
        self.noConsent = noConsent
        self.suppressed = suppressed
        self.shared = shared
    }
}

/// One mailing as its recipient's record shows it.
public struct MailingReceived: Sendable, Hashable, Codable {
    public var mailing: MailingID
    public var subject: String
    public var mailClass: MailClass
    public var sentAt: Timestamp?
    public init(mailing: MailingID, subject: String, mailClass: MailClass, sentAt: Timestamp?) {
        self.mailing = mailing
        self.subject = subject
        self.mailClass = mailClass
        self.sentAt = sentAt
    }
}
