import WardenCore

/// What writes to a person need from an engine, inside its (group-committed) write
/// transaction: typed primitive queries and statements, no rules. The rules over it
/// (``ContactChange``, ``MembershipChange``, ``CanvassWrite``, ``ChangeNotices``,
/// ``ContactChangeWatch``) are the same Swift for every engine.
protocol WriteLedger: LogAppender, VersionLedger, StandingLedger {
    /// Every area by identifier.
    func areas() throws -> [AreaID: Area]
    /// The person's record as the policy sees it (with contact points when `contacts`); `nil`
    /// when there is none. Held for the write from here until it commits: where writes
    /// commit side by side (PostgreSQL), the person's row is locked before it is read, so a
    /// write decides on, and versions from, what the write before it left.
    func recordToWrite(_ person: PersonID, contacts: Bool) throws -> PersonRecord?

    /// Removes the person's contact points of `kind`.
    func removeContacts(of person: PersonID, kind: ContactPoint.Kind) throws
    /// Adds a contact point to the person, created at `instant`.
    func addContact(_ point: ContactPoint, to person: PersonID, at instant: Timestamp) throws

    /// Sets a member's status, in force since `since`.
    func setMembershipStatus(_ status: MembershipStatus, since: CalendarDate, of person: PersonID, at instant: Timestamp) throws

    /// Adds a line to a member's history of moves, made through `grantID` (`nil` for the
    /// operator and the dues rules).
    func addMembershipHistory(_ entry: MembershipHistoryEntry, of person: PersonID, grantID: Int64?) throws
    /// The member with `number` and their dues as they stand, held for the write; `nil` when none.
    func memberToPay(numbered number: String) throws -> MemberDues?
    /// Whether a payment with this report reference is already recorded.
    func paymentRecorded(reference: String) throws -> Bool
    /// Records one line of a payments report against a member.
    func addPayment(_ payment: Payment, to person: PersonID, report: String, at instant: Timestamp) throws
    /// Sets how far a member's dues are paid.
    func setPaidUntil(_ date: CalendarDate, of person: PersonID) throws
    /// Members whose status `rules` may move on `today`: a superset, each held for the write;
    /// the rules decide (``DuesRules/event(status:paidUntil:today:)``).
    func membersToMove(by rules: DuesRules, on today: CalendarDate) throws -> [MemberDues]
    /// The party's dues rules, or the standard ones when it has set none.
    func duesRules() throws -> DuesRules

    /// The person's wrapped data key, if they have one.
    func dataKey(of person: PersonID) throws -> WrappedDataKey?
    /// Stores a person's new wrapped data key; returns its identifier.
    func addDataKey(of person: PersonID, kekVersion: Int, wrapped: [UInt8], at instant: Timestamp) throws -> Int64
    /// Stores one doorstep contact; returns its identifier.
    func addCanvassContact(_ contact: NewCanvassContact) throws -> Int64

    /// The newest doorstep contact `account` recorded for `person` on `list` at or after `since`.
    func newestCanvassContact(of person: PersonID, onList list: WalkListID, by account: AccountID, since: Timestamp) throws -> (id: Int64, uid: String)?
    /// Removes one doorstep contact (an undo).
    func removeCanvassContact(_ id: Int64) throws

    /// Records a change notice to one contact point.
    func addChangeNotice(_ notice: NewChangeNotice) throws
    /// Queues an email in the outbox, due at once.
    func queueMail(to recipient: String, subject: String, body: String, at instant: Timestamp) throws
    /// Withdraws the change-notice emails still queued to `recipient` about `person` whose
    /// subject ends with `suffix`.
    func withdrawQueuedNotices(to recipient: String, about person: PersonID, subjectsEndingWith suffix: String) throws

    /// Allowed contact-detail writes by `account` after `since` (writes whose only data class
    /// is contact details: what ``ContactChange`` records), counted no further than `limit`.
    func contactChanges(by account: AccountID, since: Timestamp, upTo limit: Int) throws -> Int
    /// Members placed in `area` (or below it) whose contact details someone other than
    /// themselves changed since `since`.
    func membersChangedByOthers(in area: AreaID, since: Timestamp, areas: [AreaID: Area]) throws -> Int
    /// The watched periods in force at `instant`.
    func watchedPeriods(at instant: Timestamp) throws -> [WatchedPeriod]

    /// The ballot whose frozen electorate holds `person` and that has not closed at `instant`.
    func lockingBallot(of person: PersonID, at instant: Timestamp) throws -> Ballot?
    /// Stores a change held for confirmation; returns its identifier.
    func holdContactChange(_ hold: NewContactHold) throws -> Int64
    /// Changes held on `ballot`'s electorate since `since`.
    func heldChanges(to ballot: BallotID, since: Timestamp) throws -> Int
    /// The email addresses `person` had at `ballot`'s freeze.
    func emailsHeldAtFreeze(of person: PersonID, ballot: BallotID) throws -> [String]
}

/// A contact change held during a ballot, as ``ContactChange`` stores it.
struct NewContactHold {
    var ballot: BallotID
    var request: ContactChangeRequest
    var grantID: Int64?
    var tokenHash: [UInt8]
}

/// A member's dues as they stand, for the payments import and the dues rules.
struct MemberDues {
    var person: PersonID
    var status: MembershipStatus
    var paidUntil: CalendarDate?
    var frequency: Dues.Frequency
}

/// A doorstep contact to store, as the rules decided it.
struct NewCanvassContact {
    var uid: String
    var person: PersonID
    var household: HouseholdID?
    var campaign: CampaignID
    var walkList: WalkListID
    var pollingDistrict: AreaID?
    var author: VersionAuthor
    var outcome: ContactOutcome
    var channel: ContactChannel
    var doNotContact: Bool
    var sealed: [UInt8]?
    var dataKeyID: Int64?
}

/// A change notice to store: to whom, about which version and field, by which channel.
struct NewChangeNotice {
    enum Channel: String { case email, sms, post }
    enum Status: String {
        case queued
        /// Texts wait for an SMS gateway Warden does not have yet.
        case noGateway = "no_gateway"
        /// Letters wait in the print queue.
        case toPrint = "to_print"
    }

    var person: PersonID
    var versionID: Int64
    var field: PersonState.Key
    var channel: Channel
    var recipient: String
    var tokenHash: [UInt8]
    var at: Timestamp
    var status: Status
}

extension WriteLedger {
    /// Versions one person after a write that went through `grantID`; `nil` when their record
    /// did not change. `each` sees the new version with the state it replaced.
    func version(
        _ person: PersonID, author: VersionAuthor, grantID: Int64?, each: (PersonVersion, PersonState?) throws -> Void = { _, _ in }
    ) throws -> VersionBinding? {
        try touch([person.rawValue])
        var author = author
        author.grantID = grantID
        return try Versioning.record(author, in: self, each: each)
    }

    /// Records a write to one person: their identifier, the data classes it touched, the
    /// versions it made and what happened, appended to the audit entry's description.
    func recordWrite(_ audit: AuditEvent, to person: PersonID, classes: Set<DataClass>, versions: VersionBinding?, saying what: String) throws {
        var event = audit
        event.people = [person]
        event.dataClasses = classes
        event.versions = versions
        event.detail += ": " + what
        try append(event)
    }

    /// Records a write the policy refused, naming the person, and raises its out-of-scope alert.
    func refuseWrite(_ audit: AuditEvent, to person: PersonID, why: String, alert: String) throws {
        var event = audit
        event.outcome = .refused
        event.detail += ": " + why
        event.people = [person]
        try append(event)
        try raise(AlertDraft(kind: .outOfScope, accountID: event.accountID, actor: event.actor, detail: alert),
                  at: event.at, dedupeWithin: nil)
    }
}
