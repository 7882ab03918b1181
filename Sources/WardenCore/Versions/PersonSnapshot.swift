/// A person's record as an engine reads it from its tables: plain values, nothing rendered.
///
/// Every engine fills one of these with the same values; ``PersonState/init(_:)`` alone turns
/// it into the canonical text that versions store and the log hashes. Rendering in Swift
/// rather than in SQL keeps the hashed bytes independent of any engine's string functions
/// (SQLite's `hex()` is upper case where PostgreSQL's `encode(…, 'hex')` is lower case) and
/// of its collation (contact points are ordered here, by their UTF-8 bytes).
public struct PersonSnapshot: Sendable, Hashable {
    public var personID: Int64
    public var title: String?
    public var forenames: String
    public var surname: String
    public var dateOfBirth: String?
    public var address: Address?
    public var elector: Elector?
    public var membership: Membership?
    public var contacts: [Contact] = []
    /// In the order the contacts were recorded.
    public var canvass: [Canvass] = []

    public init(personID: Int64, title: String?, forenames: String, surname: String, dateOfBirth: String?) {
        self.personID = personID
        self.title = title
        self.forenames = forenames
        self.surname = surname
        self.dateOfBirth = dateOfBirth
    }

    /// The household's address lines (line-feed separated) and postcode.
    public struct Address: Sendable, Hashable {
        public var lines: String
        public var postcode: String

        public init(lines: String, postcode: String) {
            self.lines = lines
            self.postcode = postcode
        }
    }

    /// The person's entry in the register in force.
    public struct Elector: Sendable, Hashable {
        public var pollingDistrictID: Int64
        public var prefix: String
        public var number: Int64
        public var suffix: Int64
        public var markers: String
        public var franchise: String?
        public var attainerDate: String?
        public var anonymous: Bool
        public var optedOut: Bool

        public init(pollingDistrictID: Int64, prefix: String, number: Int64, suffix: Int64, markers: String, franchise: String?,
                    attainerDate: String?, anonymous: Bool, optedOut: Bool) {
            self.pollingDistrictID = pollingDistrictID
            self.prefix = prefix
            self.number = number
            self.suffix = suffix
            self.markers = markers
            self.franchise = franchise
            self.attainerDate = attainerDate
            self.anonymous = anonymous
            self.optedOut = optedOut
        }
    }

    public struct Membership: Sendable, Hashable {
        public var number: String
        public var status: String
        public var joinedOn: String?
        public var statusSince: String?
        public var branchAreaID: Int64?
        public var duesPence: Int64?
        public var duesFrequency: String?

        public init(number: String, status: String, joinedOn: String?, statusSince: String?, branchAreaID: Int64?,
                    duesPence: Int64?, duesFrequency: String?) {
            self.number = number
            self.status = status
            self.joinedOn = joinedOn
            self.statusSince = statusSince
            self.branchAreaID = branchAreaID
            self.duesPence = duesPence
            self.duesFrequency = duesFrequency
        }
    }

    /// A contact point: its kind's raw value (`email`, `phone`, `postal`), the value, and the
    /// consent as stored (channels joined by commas).
    public struct Contact: Sendable, Hashable {
        public var kind: String
        public var value: String
        public var consent: String

        public init(kind: String, value: String, consent: String) {
            self.kind = kind
            self.value = value
            self.consent = consent
        }
    }

    /// A canvass contact in the clear, and the 16-byte tag of its sealed answers (if any).
    public struct Canvass: Sendable, Hashable {
        public var uid: String
        public var campaignID: Int64
        public var walkListID: Int64?
        public var outcome: String
        public var channel: String
        public var doNotContact: Bool
        public var at: String
        public var sealedTag: [UInt8]?

        public init(uid: String, campaignID: Int64, walkListID: Int64?, outcome: String, channel: String, doNotContact: Bool,
                    at: String, sealedTag: [UInt8]?) {
            self.uid = uid
            self.campaignID = campaignID
            self.walkListID = walkListID
            self.outcome = outcome
            self.channel = channel
            self.doNotContact = doNotContact
            self.at = at
            self.sealedTag = sealedTag
        }
    }
}
