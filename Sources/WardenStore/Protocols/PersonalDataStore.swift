public import WardenCore

/// People's records: every read and write of a person, and every import.
///
/// SPI: only the Gate (`@_spi(Gate) import WardenStore`) sees this protocol. Each method
/// takes the policy's decision as a pure closure and the audit entry, and applies, charges,
/// records and writes in one transaction.
@_spi(Gate) public protocol PersonalDataStore: ElectorateStore, AudienceStore, VolunteerStore, EventStore {
    /// Imports one register file in one transaction: matches entries to existing people,
    /// ends the entries of electors no longer present in the districts the file covers,
    /// and commits only if no line had a problem and this is not a dry run.
    func importRegister(
        _ lines: some Sequence<ImportLine<RegisterEntry>>, options: ImportOptions, progress: (Int) -> Void
    ) async throws -> ImportReport

    /// Imports one membership export in one transaction, linking members to electors.
    func importMembers(
        _ lines: some Sequence<ImportLine<MembershipRecord>>, options: ImportOptions, progress: (Int) -> Void
    ) async throws -> ImportReport

    /// Reads people as the Gate decided, in one write transaction: finds them (narrowed to the
    /// read's scope), keeps those the decision allows, charges the read budget, records the
    /// access (or the refusal, with an alert), and watches for enumeration. An engine may find
    /// a search's people in a read transaction first, so a broad search never holds the writer.
    func readPeople(_ read: PeopleRead) async throws -> PeopleReadResult

    /// Distinct people charged to `account` in the rolling day before `instant`: opened (the
    /// read budget) and listed (the listing allowance); and the raise of its read budget in
    /// force (``BudgetRaise``). Reads no one.
    func allowancesUsed(by account: AccountID, before instant: Timestamp) async throws -> (read: Int, listed: Int, raised: Int)

    /// Changes one person's contact details in one transaction: checks the decision, writes,
    /// makes the version, queues the change notices and records the audit entry.
    func changeContacts(_ request: ContactChangeRequest) async throws -> ContactChangeOutcome
    /// Moves one membership through its lifecycle in one transaction: checks the decision and
    /// the move, writes the status, makes the version and records the audit entry.
    func changeMembership(_ request: MembershipChangeRequest) async throws -> MembershipChangeOutcome
    /// Records a payments report and applies the dues rules in one transaction
    /// (``PaymentImport``), all or nothing; a dry run writes nothing.
    func importPayments(_ request: PaymentImportRequest) async throws -> ImportReport
    /// Applies the party's dues rules on `today` to every member whose dues Warden has seen
    /// paid, in one transaction: each move versioned, in the member's history and logged, and
    /// one entry for the run. Returns how many moved, by move.
    func applyDuesRules(today: CalendarDate, author: VersionAuthor, audit: AuditEvent, moveAudit: AuditEvent,
                        standing: AccessStanding?) async throws -> [String: Int]
    /// The party's dues rules, or the standard ones.
    func duesRules() async throws -> DuesRules
    /// Sets the party's dues rules, with their audit entry, in one transaction.
    func setDuesRules(_ rules: DuesRules, audit: AuditEvent, standing: AccessStanding?) async throws

    /// Records doorstep results in one transaction (one, or a household's at one door): for
    /// each, decision, sealing, contact, version, audit. Each result stands on its own: one
    /// refused (recorded and alerted) does not undo the others.
    func recordCanvass(_ requests: [CanvassWriteRequest]) async throws -> [CanvassWriteOutcome]
    /// Withdraws doorstep results just recorded, in one transaction (``CanvassWithdrawal``);
    /// returns how many were withdrawn.
    func withdrawCanvass(_ request: CanvassWithdrawalRequest) async throws -> Int
    /// Every contact of a campaign in `districts` (`nil` for all), with wrapped keys, for
    /// aggregates; the audit event records the access in the same transaction.
    func campaignContacts(_ campaign: CampaignID, districts: Set<AreaID>?, audit: AuditEvent) async throws -> [SealedCanvassContact]

    /// Versions made by `account` in `[from, to]`, oldest first, and (with `histories`) every
    /// version of each person among them; `audit` describes the read from what was found and
    /// commits with it.
    func changes(byAccount account: AccountID, from: Timestamp, to: Timestamp, histories: Bool,
                 audit: @escaping @Sendable ([VersionChange]) -> AuditEvent) async throws -> AccountChanges
    /// Every version of a person and every audit entry naming them, oldest first; `audit`
    /// commits with the read.
    func history(of person: PersonID, audit: AuditEvent) async throws -> (versions: [VersionChange], events: [LoggedEvent])
    /// Contact-detail versions in `[from, to]` of people placed in `areas`, made by an account
    /// other than the person's own (or by the local operator); `audit` commits with the read.
    func contactChanges(in areas: Set<AreaID>, from: Timestamp, to: Timestamp,
                        audit: @escaping @Sendable ([VersionChange]) -> AuditEvent) async throws -> [VersionChange]

    /// Everything held on `people` and every log entry naming them, for a subject access
    /// package; `audit` records the package in the same transaction, once `standing` is
    /// checked still to hold. Throws not found for an identifier that is no person record.
    /// How many people `selection` picks within `scope`: a count, naming no one, for the
    /// request an approver sees before anything is read.
    func countSelection(_ selection: ExportSelection, scope: PeopleScope) async throws -> Int
    /// Members within `scope` by status, and those in arrears who lapse by the end of
    /// `today`'s month under the party's dues rules: counts, naming no one.
    func countMembers(scope: PeopleScope, on today: CalendarDate) async throws -> MemberCounts
    func subjectAccessFacts(of people: [PersonID], audit: AuditEvent, standing: AccessStanding?) async throws -> SubjectAccessFacts

    /// Carries out `erasure` in one transaction, all or nothing (``ErasureExecution``), as
    /// `decidedBy`: a waiting request, a retention batch, or a ledger entry re-applied. Those in
    /// `keepingRegister` still on the register come back as new records of their register
    /// entries alone. `identifierHash` makes suppression entries with a key this store never
    /// sees; `audit` names the people erased and commits with the erasure.
    func erase(_ erasure: Erasure, decidedBy: String, at: Timestamp, missing: MissingPeople, keepingRegister: Set<PersonID>,
               identifierHash: @escaping @Sendable (String) -> [UInt8], audit: AuditEvent, standing: AccessStanding?) async throws -> ErasureOutcome

    /// Deletes up to `limit` doorstep results of campaigns that ended before `endedBefore`, in
    /// one transaction with each person's new version and `audit`; how many went, of how many people.
    func expireCanvassContacts(campaignsEndedBefore endedBefore: CalendarDate, limit: Int, author: VersionAuthor,
                               audit: AuditEvent) async throws -> (contacts: Int, people: Int)

    /// What the log, the versions and the records say an incident reached, read in one
    /// transaction that records `audit`.
    func incidentEvidence(_ query: IncidentQuery, audit: AuditEvent) async throws -> IncidentEvidence
    /// Queues `subject` and `body` to every email address of each of `people`, with `audit`
    /// naming them; how many emails, and how many people have no address (a letter each).
    func queueBreachNotices(to people: [PersonID], subject: String, body: String, audit: AuditEvent) async throws -> (emailed: Int, toPost: Int)
}

/// What an account changed in a window and, when asked for, each person's whole history.
public struct AccountChanges: Sendable {
    public var window: [VersionChange]
    public var histories: [PersonID: [VersionChange]]

    public init(window: [VersionChange], histories: [PersonID: [VersionChange]]) {
        self.window = window
        self.histories = histories
    }
}

/// A read of people, as the Gate decided it.
public struct PeopleRead: Sendable {
    public enum Target: Sendable {
        /// A search, narrowed by the store to `scope`.
        case search(PeopleQuery, PeopleScope)
        /// One page of a search's listing (``ListingPolicy``), narrowed to `scope`, charged to
        /// the listing allowance (the read's `budget`) rather than the read budget.
        case listing(PeopleQuery, PeopleScope)
        /// One person.
        case person(PersonID)
        /// The people on a walk list in walking order, or only those at one stop of it.
        case walkList(WalkListID, stop: Int?)
        /// Everyone an approved export selects, narrowed by the store to the requester's scope,
        /// with their contact points and canvass results.
        case selection(ExportSelection, PeopleScope)
    }

    public var target: Target
    /// Describes the access; the store adds the people read.
    public var audit: AuditEvent
    /// Distinct people the account may read in a rolling day; `nil` for no budget (the local operator).
    public var budget: Int?
    /// The standing of the actor the decision was made for, checked first in the transaction.
    public var standing: AccessStanding?
    /// The fields the reader may see of a person; empty means not at all. Pure, from the policy.
    public var decide: @Sendable (PersonRecord) -> Set<PersonField>

    public init(target: Target, audit: AuditEvent, budget: Int?, standing: AccessStanding?,
                decide: @escaping @Sendable (PersonRecord) -> Set<PersonField>) {
        self.target = target
        self.audit = audit
        self.budget = budget
        self.standing = standing
        self.decide = decide
    }
}

/// What a ``PeopleRead`` gave.
public struct PeopleReadResult: Sendable {
    public enum Outcome: Sendable, Hashable {
        case allowed
        /// No such person (a search never gives this).
        case notFound
        /// The person exists but no grant covers them: refused, recorded, alerted.
        case outOfScope
        /// The read would pass the budget: refused, recorded, alerted.
        case overBudget
    }

    public var outcome: Outcome
    /// The people allowed, each with the fields the reader may see.
    public var people: [(record: PersonRecord, fields: Set<PersonField>)]
    /// Distinct people charged in the rolling day, after this read.
    public var budgetUsed: Int
    public var budgetLimit: Int?
    /// For a read of a walk list: the list, and each household's place in its walking order,
    /// read in the same transaction as its people.
    public var walkList: (list: WalkList, positions: [HouseholdID: Int])?
    /// For a listing: how many people the search matches within the reader's scope, listed or not.
    public var total: Int?

    public init(outcome: Outcome, people: [(record: PersonRecord, fields: Set<PersonField>)], budgetUsed: Int, budgetLimit: Int?) {
        self.outcome = outcome
        self.people = people
        self.budgetUsed = budgetUsed
        self.budgetLimit = budgetLimit
    }
}

@_spi(Gate) extension PersonalDataStore {
    /// Records one doorstep result in one transaction (``recordCanvass(_:)-([CanvassWriteRequest])``).
    public func recordCanvass(_ request: CanvassWriteRequest) async throws -> CanvassWriteOutcome {
        try await recordCanvass([request])[0]
    }
}
