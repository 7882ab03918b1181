/// Everything Warden holds on one person record, as a subject access package shows it
/// (Art. 15(1) and (3)). One requester may have several records (an elector and a member
/// not yet linked); the package holds one of these for each record the DPO confirmed.
///
/// It never holds another person's personal data: the household is its address and district,
/// never its other residents (Art. 15(4)); the people who read, changed or canvassed the
/// record are named by role unless the party chose to name them.
public struct SubjectAccessRecord: Sendable, Hashable, Codable {
    public var personID: PersonID
    public var title: String?
    public var forenames: String
    public var surname: String
    public var dateOfBirth: CalendarDate?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    public var household: Household?
    public var registerEntries: [RegisterEntry]
    public var membership: Membership?
    public var contactPoints: [Contact]
    public var canvassContacts: [CanvassContact]
    public var versions: [Version]
    public var notices: [Notice]
    public var walkLists: [WalkListPlacement]
    public var accounts: [Account]
    public var subjectAccessCases: [CaseReference]
    public var ballots: [BallotPlacement]
    /// The party's mailings that were sent to the person (``Mailing``).
    public var mailings: [MailingReceived]
    /// The person as a volunteer (``Volunteer``), if they are one.
    public var volunteer: Volunteer?
    /// The events the person replied to or came to (``EventAttendance``).
    public var events: [EventAttendance] = []

    public init(personID: PersonID, title: String?, forenames: String, surname: String, dateOfBirth: CalendarDate?,
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.personID = personID
        self.title = title
        self.forenames = forenames
        self.surname = surname
        self.dateOfBirth = dateOfBirth
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        registerEntries = []
        contactPoints = []
        canvassContacts = []
        versions = []
        notices = []
        walkLists = []
        accounts = []
        subjectAccessCases = []
        ballots = []
        mailings = []
    }

    /// A ballot whose electorate the person is on: their reference, the contact details held
    /// for it, and each credential issued. Whether they voted is theirs to know; how is in no
    /// record anywhere.
    public struct BallotPlacement: Sendable, Hashable, Codable {
        public var ballot: String
        public var reference: String
        public var contactsHeld: [String]
        public var credentials: [Credential]
        /// Changes to the person's contact details asked for while the ballot was under way.
        public var heldChanges: [HeldChange]

        public init(ballot: String, reference: String, contactsHeld: [String], credentials: [Credential], heldChanges: [HeldChange]) {
            self.ballot = ballot
            self.reference = reference
            self.contactsHeld = contactsHeld
            self.credentials = credentials
            self.heldChanges = heldChanges
        }

        public struct HeldChange: Sendable, Hashable, Codable {
            public var requestedAt: Timestamp
            public var requestedBy: String
            public var change: String
            public var state: String

            public init(requestedAt: Timestamp, requestedBy: String, change: String, state: String) {
                self.requestedAt = requestedAt
                self.requestedBy = requestedBy
                self.change = change
                self.state = state
            }
        }

        public struct Credential: Sendable, Hashable, Codable {
            public var channel: String
            public var issuedAt: Timestamp
            public var issuedBy: String
            public var voidedAt: Timestamp?
            public var used: Bool

            public init(channel: String, issuedAt: Timestamp, issuedBy: String, voidedAt: Timestamp?, used: Bool) {
                self.channel = channel
                self.issuedAt = issuedAt
                self.issuedBy = issuedBy
                self.voidedAt = voidedAt
                self.used = used
            }
        }
    }

    /// Where the person lives, as the register places them: no one else who lives there.
    public struct Household: Sendable, Hashable, Codable {
        public var address: [String]
        public var postcode: String
        public var pollingDistrict: String?
        public init(address: [String], postcode: String, pollingDistrict: String?) {
            self.address = address
            self.postcode = postcode
            self.pollingDistrict = pollingDistrict
        }
    }

    /// One entry on one edition of the electoral register, and where it came from.
    public struct RegisterEntry: Sendable, Hashable, Codable {
        public var electorNumber: String
        public var pollingDistrict: String
        public var markers: String
        public var franchise: String?
        public var attainerDate: CalendarDate?
        public var anonymous: Bool
        public var optedOut: Bool
        public var current: Bool
        /// The file the entry came in, and when it was imported.
        public var edition: String
        public var importedAt: Timestamp
        /// When a later edition no longer had the entry.
        public var endedAt: Timestamp?
        public init(electorNumber: String, pollingDistrict: String, markers: String, franchise: String?, attainerDate: CalendarDate?,
                    anonymous: Bool, optedOut: Bool, current: Bool, edition: String, importedAt: Timestamp, endedAt: Timestamp?) {
            self.electorNumber = electorNumber
            self.pollingDistrict = pollingDistrict
            self.markers = markers
            self.franchise = franchise
            self.attainerDate = attainerDate
            self.anonymous = anonymous
            self.optedOut = optedOut
            self.current = current
            self.edition = edition
            self.importedAt = importedAt
            self.endedAt = endedAt
        }
    }

    /// The membership as it stands, and every change of its status.
    public struct Membership: Sendable, Hashable, Codable {
        public var number: String
        public var status: String
        public var joinedOn: CalendarDate?
        public var statusSince: CalendarDate?
        public var branch: String?
        public var duesPence: Int64?
        public var duesFrequency: String?
        public var history: [StatusChange]
        /// The last day collected dues cover.
        public var paidUntil: CalendarDate?
        public var payments: [PaymentEntry]
        public init(number: String, status: String, joinedOn: CalendarDate?, statusSince: CalendarDate?, branch: String?,
                    duesPence: Int64?, duesFrequency: String?, history: [StatusChange] = [], paidUntil: CalendarDate? = nil,
                    payments: [PaymentEntry] = []) {
            self.number = number
            self.status = status
            self.joinedOn = joinedOn
            self.statusSince = statusSince
            self.branch = branch
            self.duesPence = duesPence
            self.duesFrequency = duesFrequency
            self.history = history
            self.paidUntil = paidUntil
            self.payments = payments
        }
    }

    public struct StatusChange: Sendable, Hashable, Codable {
        public var at: Timestamp
        public var status: String
        public var by: String
        public var reason: String
        public init(at: Timestamp, status: String, by: String, reason: String) {
            self.at = at
            self.status = status
            self.by = by
            self.reason = reason
        }
    }

    /// An email, phone or postal contact point, where it came from and what was consented to.
    public struct Contact: Sendable, Hashable, Codable {
        public var kind: String
        public var value: String
        public var source: String
        public var consent: [String]
        public var addedAt: Timestamp
        public init(kind: String, value: String, source: String, consent: [String], addedAt: Timestamp) {
            self.kind = kind
            self.value = value
            self.source = source
            self.consent = consent
            self.addedAt = addedAt
        }
    }

    /// A doorstep or phone contact, with the answers opened.
    public struct CanvassContact: Sendable, Hashable, Codable {
        public var at: Timestamp
        public var campaign: String
        public var outcome: String
        public var channel: String
        public var doNotContact: Bool
        public var answers: SurveyAnswers?
        public var by: String
        public init(at: Timestamp, campaign: String, outcome: String, channel: String, doNotContact: Bool, answers: SurveyAnswers?, by: String) {
            self.at = at
            self.campaign = campaign
            self.outcome = outcome
            self.channel = channel
            self.doNotContact = doNotContact
            self.answers = answers
            self.by = by
        }
    }

    /// One version of the record: when, which fields, what they then said, by which role, why.
    public struct Version: Sendable, Hashable, Codable {
        public var at: Timestamp
        public var fields: [String]
        public var values: [String: [String]]
        public var by: String
        public var reason: String
        public init(at: Timestamp, fields: [String], values: [String: [String]], by: String, reason: String) {
            self.at = at
            self.fields = fields
            self.values = values
            self.by = by
            self.reason = reason
        }
    }

    /// A notice sent to the person that their contact details changed.
    public struct Notice: Sendable, Hashable, Codable {
        public var at: Timestamp
        public var field: String
        public var channel: String
        public var recipient: String
        public var status: String
        public var disputedAt: Timestamp?
        public init(at: Timestamp, field: String, channel: String, recipient: String, status: String, disputedAt: Timestamp?) {
            self.at = at
            self.field = field
            self.channel = channel
            self.recipient = recipient
            self.status = status
            self.disputedAt = disputedAt
        }
    }

    /// A walk list the person's household was on, and the sheets printed of it.
    public struct WalkListPlacement: Sendable, Hashable, Codable {
        public var walkList: String
        public var campaign: String
        public var createdAt: Timestamp
        public var sheets: [Sheet]
        public init(walkList: String, campaign: String, createdAt: Timestamp, sheets: [Sheet]) {
            self.walkList = walkList
            self.campaign = campaign
            self.createdAt = createdAt
            self.sheets = sheets
        }
    }

    public struct Sheet: Sendable, Hashable, Codable {
        public var serial: String
        public var printedAt: Timestamp
        public var status: String
        public init(serial: String, printedAt: Timestamp, status: String) {
            self.serial = serial
            self.printedAt = printedAt
            self.status = status
        }
    }

    /// A login of the person's, its grants, sign-ins and the alerts about it.
    public struct Account: Sendable, Hashable, Codable {
        public var username: String
        public var createdAt: Timestamp
        public var disabledAt: Timestamp?
        public var grants: [String]
        public var signIns: [SignIn]
        public var alerts: [String]
        public init(username: String, createdAt: Timestamp, disabledAt: Timestamp?, grants: [String], signIns: [SignIn], alerts: [String]) {
            self.username = username
            self.createdAt = createdAt
            self.disabledAt = disabledAt
            self.grants = grants
            self.signIns = signIns
            self.alerts = alerts
        }
    }

    public struct SignIn: Sendable, Hashable, Codable {
        public var at: Timestamp
        public var client: String
        public var endedAt: Timestamp?
        public init(at: Timestamp, client: String, endedAt: Timestamp?) {
            self.at = at
            self.client = client
            self.endedAt = endedAt
        }
    }

    /// A subject access request that covered the record.
    public struct CaseReference: Sendable, Hashable, Codable {
        public var caseID: SubjectAccessCaseID
        public var receivedOn: CalendarDate
        public var state: String
        public init(caseID: SubjectAccessCaseID, receivedOn: CalendarDate, state: String) {
            self.caseID = caseID
            self.receivedOn = receivedOn
            self.state = state
        }
    }
}

/// One time someone consulted or changed the person's record, from the log (CJEU C-579/21):
/// when, what, why and in which role; the reader's name only where the party chose to show it.
public struct Consultation: Sendable, Hashable, Codable {
    public var entryIndex: Int64?
    public var at: Timestamp
    public var action: String
    public var purpose: String?
    public var outcome: String
    public var role: String
    public var reader: String?
    public var dataClasses: [String]
    /// For a read that was an export: who received the file and what for (Art. 15(1)(c)).
    public var disclosedTo: String?
    public init(entryIndex: Int64?, at: Timestamp, action: String, purpose: String?, outcome: String, role: String, reader: String?,
                dataClasses: [String], disclosedTo: String? = nil) {
        self.disclosedTo = disclosedTo
        self.entryIndex = entryIndex
        self.at = at
        self.action = action
        self.purpose = purpose
        self.outcome = outcome
        self.role = role
        self.reader = reader
        self.dataClasses = dataClasses
    }
}

extension SubjectAccessRecord {
    /// Where the record's data came from, where the person did not give it themselves
    /// (Art. 15(1)(g)): each register edition, each contact point's source, the membership file.
    public var sources: [String] {
        var sources = registerEntries.map {
            "the electoral register (\($0.edition), imported \($0.importedAt.date)), supplied to the party by the electoral registration officer"
        }
        for contact in contactPoints where contact.source != ContactPoint.Source.member.rawValue {
            let from = switch ContactPoint.Source(rawValue: contact.source) {
            case .membershipImport: "the party's membership system"
            case .canvass: "what you told a canvasser"
            case .manual: "entered by the party's staff"
            case .restored: "restored by the data protection officer after someone else changed it"
            case .member, nil: contact.source
            }
            sources.append("your \(contact.kind) (\(from))")
        }
        if membership != nil { sources.append("your membership: the party's membership system") }
        var seen = Set<String>()
        return sources.filter { seen.insert($0).inserted }
    }
}
