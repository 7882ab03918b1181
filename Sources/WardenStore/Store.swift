public import WardenCore

/// Everything Warden keeps, behind one protocol per engine.
///
/// Each method is one transaction. Methods that read or write personal data take the
/// ``AuditEvent`` describing the access and commit it in the same transaction, so that no
/// data leaves and no change lands without its record. All SQL lives in implementations of
/// this protocol; the services above see only domain values. The same contract tests
/// (`StoreContract`) run against every implementation.
public protocol WardenStore: Sendable {
    // MARK: Areas

    /// Creates or renames areas from definitions (parents first); returns how many were new.
    func saveAreas(_ definitions: [AreaDefinition], audit: AuditEvent) async throws -> Int
    func allAreas() async throws -> [Area]
    /// The area, its place in the hierarchy and aggregate counts.
    func areaSummary(_ id: AreaID) async throws -> AreaSummary?

    // MARK: Imports

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

    // MARK: People

    /// Reads people as the Gate decided, in one transaction: finds them (narrowed to the
    /// read's scope), keeps those the decision allows, charges the read budget, records the
    /// access (or the refusal, with an alert), and watches for enumeration.
    func readPeople(_ read: PeopleRead) async throws -> PeopleReadResult
    /// How many people, electors and members there are: aggregates only.
    func counts() async throws -> StoreCounts

    // MARK: Accounts and sessions

    func createAccount(_ account: NewAccount, audit: AuditEvent) async throws -> AccountID
    func accountCount() async throws -> Int
    func accounts() async throws -> [AccountSummary]
    /// What signing in needs; `nil` when there is no such (enabled) account.
    func credentials(username: String) async throws -> AccountCredentials?
    /// Grants in force for `account` at `instant`.
    func activeGrants(_ account: AccountID, at instant: Timestamp) async throws -> [Grant]
    func createSession(_ session: NewSession, audit: AuditEvent) async throws
    /// Everything a request's access decision needs, read in one transaction, marking the
    /// session seen at `instant`; `nil` when no session has this token.
    func accessContext(tokenHash: [UInt8], seenAt instant: Timestamp) async throws -> AccessContext?
    func endSession(tokenHash: [UInt8], at instant: Timestamp, audit: AuditEvent) async throws
    /// Ends the session and records the refusal with its alert, in one transaction.
    func refuseSession(tokenHash: [UInt8], audit: AuditEvent, alert: AlertDraft) async throws

    // MARK: Second factor and throttling

    /// Replaces the account's password hash and ends its sessions; with `forgetSecondFactor`,
    /// also removes its authenticator and recovery codes (an administrator's reset). Raises
    /// `alert` in the same transaction.
    func setPassword(_ account: AccountID, hash: String, forgetSecondFactor: Bool, audit: AuditEvent, alert: AlertDraft?) async throws
    func setSecondFactor(_ account: AccountID, sealedSecret: [UInt8], recoveryCodeHashes: [[UInt8]], audit: AuditEvent) async throws
    /// Records `step` as used if it is later than the last one; false on a replay.
    func useTOTPStep(_ account: AccountID, step: Int64) async throws -> Bool
    /// Spends a recovery code; false when it is unknown or used.
    func useRecoveryCode(_ account: AccountID, hash: [UInt8], at instant: Timestamp) async throws -> Bool
    /// Records a failed sign-in and returns the failures in the window; raises the alert
    /// `alert` makes of the new counts (at most one per kind, account and actor a window).
    func recordSignInFailure(
        username: String, client: String, at instant: Timestamp, audit: AuditEvent, alert: @escaping @Sendable (SignInThrottle.Counts) -> AlertDraft?
    ) async throws -> SignInThrottle.Counts
    func signInFailures(username: String, client: String, since: Timestamp) async throws -> SignInThrottle.Counts

    // MARK: Grants

    /// Creates a grant, raising `alert` in the same transaction.
    func createGrant(_ request: GrantRequest, account: AccountID, grantedBy: String, audit: AuditEvent, alert: AlertDraft?) async throws -> Grant
    func grant(_ id: Int64) async throws -> Grant?
    /// Grants not revoked and not expired at `instant` (pending ones included), with usernames.
    func currentGrants(at instant: Timestamp) async throws -> [GrantListing]
    func approveGrant(_ id: Int64, by: String, at instant: Timestamp, audit: AuditEvent) async throws
    /// Revokes a grant, raising `alert` in the same transaction.
    func revokeGrant(_ id: Int64, by: String, at instant: Timestamp, audit: AuditEvent, alert: AlertDraft?) async throws
    /// Revokes every grant of `account` and ends its sessions, raising `alert` in the same transaction.
    func revokeAccess(_ account: AccountID, by: String, at instant: Timestamp, audit: AuditEvent, alert: AlertDraft?) async throws
    func accountID(username: String) async throws -> AccountID?

    // MARK: Settings

    func setting(_ key: String) async throws -> String?
    func setSetting(_ key: String, value: String) async throws

    // MARK: Alerts

    /// Records an alert and queues its email to the DPO.
    func raise(_ alert: AlertDraft, audit: AuditEvent) async throws
    /// Alerts, newest first; only unacknowledged ones unless `all`.
    func alerts(all: Bool, limit: Int) async throws -> [Alert]
    func acknowledgeAlert(_ id: Int64, by: String, audit: AuditEvent) async throws -> Bool
    func alert(_ id: Int64) async throws -> Alert?

    // MARK: Writes to people

    /// Changes one person's contact details in one transaction: checks the decision, writes,
    /// makes the version, queues the change notices and records the audit entry.
    func changeContacts(_ request: ContactChangeRequest) async throws -> ContactChangeOutcome
    /// Moves one membership through its lifecycle in one transaction: checks the decision and
    /// the move, writes the status, makes the version and records the audit entry.
    func changeMembership(_ request: MembershipChangeRequest) async throws -> MembershipChangeOutcome
    /// Watches an area's members from `from` to `to` (a selection period).
    func addWatchedPeriod(area: AreaID, from: Timestamp, to: Timestamp, reason: String, createdBy: String,
                          audit: AuditEvent) async throws -> WatchedPeriod
    /// The watched periods in force at `instant`.
    func watchedPeriods(at instant: Timestamp) async throws -> [WatchedPeriod]

    // MARK: Canvassing

    func createCampaign(_ campaign: NewCampaign, createdBy: String, audit: AuditEvent) async throws -> Campaign
    func campaigns() async throws -> [Campaign]
    func campaign(_ id: CampaignID) async throws -> Campaign?
    /// Cuts a district's households, in walking order, into lists; refuses a district the
    /// campaign already has lists for.
    func cutWalkLists(_ cut: WalkListCut, audit: AuditEvent) async throws -> [WalkList]
    func walkLists(campaign: CampaignID) async throws -> [WalkList]
    func walkList(_ id: WalkListID) async throws -> WalkList?
    /// Each household's place in a list's walking order (identifiers only, no one's data).
    func walkListPositions(_ id: WalkListID) async throws -> [HouseholdID: Int]
    /// The walk lists assigned to `account` and in force at `instant`.
    func walkLists(heldBy account: AccountID, at instant: Timestamp) async throws -> [WalkList]
    /// Assigns a list in one transaction: checks it, creates the canvasser's grant scoped to it, records.
    func assignWalkList(_ request: WalkListAssignmentRequest) async throws -> WalkList
    /// Ends an assignment early, revoking the list's grant.
    func endWalkListAssignment(_ id: WalkListID, by: String, at instant: Timestamp, audit: AuditEvent) async throws
    /// Records a printed copy and returns its serial.
    func printWalkSheet(_ id: WalkListID, by: String, at instant: Timestamp, audit: AuditEvent) async throws -> WalkSheet
    func walkSheets(_ id: WalkListID) async throws -> [WalkSheet]
    func closeWalkSheet(serial: String, as status: WalkSheet.Status, by: String, at instant: Timestamp, audit: AuditEvent) async throws -> WalkSheet
    /// Records one doorstep result in one transaction: decision, sealing, contact, version, audit.
    func recordCanvass(_ request: CanvassWriteRequest) async throws -> CanvassWriteOutcome
    /// Every contact of a campaign in `districts` (`nil` for all), with wrapped keys, for
    /// aggregates; the audit event records the access in the same transaction.
    func campaignContacts(_ campaign: CampaignID, districts: Set<AreaID>?, audit: AuditEvent) async throws -> [SealedCanvassContact]

    // MARK: Keys

    /// Values sealed under key-encryption keys older than `version`, a batch at a time.
    func keyEncryptedValues(olderThan version: Int, limit: Int) async throws -> [KeyEncryptedValue]
    /// Replaces rewrapped values (each only if still under the version it was read with).
    func replaceKeyEncryptedValues(_ values: [(old: KeyEncryptedValue, new: KeyEncryptedValue)]) async throws -> Int
    /// How many values each key-encryption key version protects.
    func keyEncryptionUsage() async throws -> [Int: Int]

    // MARK: Investigations

    /// Versions made by `account` in `[from, to]`, oldest first.
    func versions(byAccount account: AccountID, from: Timestamp, to: Timestamp) async throws -> [VersionChange]
    /// Every version of a person, oldest first.
    func versions(ofPerson person: PersonID) async throws -> [VersionChange]
    /// Audit entries naming a person (reads, searches, writes), oldest first.
    func events(naming person: PersonID) async throws -> [LoggedEvent]
    /// Contact-detail versions in `[from, to]` of people placed in `areas`, made by an account
    /// other than the person's own (or by the local operator).
    func contactChanges(in areas: Set<AreaID>, from: Timestamp, to: Timestamp) async throws -> [VersionChange]

    // MARK: The log

    /// Adds the tree nodes for entries appended since the last call; returns the size and root.
    func integrateLog() async throws -> (size: UInt64, root: [UInt8])
    func latestCheckpoint() async throws -> StoredCheckpoint?
    func allCheckpoints() async throws -> [StoredCheckpoint]
    func saveCheckpoint(_ checkpoint: StoredCheckpoint) async throws
    /// RFC 9162 inclusion proof of leaf `index` in the tree of `size` (at most the integrated size).
    func inclusionProof(index: UInt64, size: UInt64) async throws -> [[UInt8]]
    func consistencyProof(from: UInt64, to: UInt64) async throws -> [[UInt8]]
    /// The entry bytes of leaf `index`.
    func logEntry(index: UInt64) async throws -> [UInt8]?
    /// Recomputes the tree, versions and records against `checkpoints` (signatures already checked).
    func verify(against checkpoints: [TrustedCheckpoint]) async throws -> VerificationReport

    // MARK: Notices and the outbox

    /// Records a member's "this wasn't me" on a notice and raises an alert; false for an unknown token.
    func disputeNotice(tokenHash: [UInt8], at instant: Timestamp) async throws -> Bool
    /// Emails due for an attempt at `instant`.
    func dueMail(at instant: Timestamp, limit: Int) async throws -> [OutboxMail]
    /// Emails due for an attempt at `instant` with an id above `id`, oldest first: a delivery
    /// run walks the queue with this cursor so each email is tried at most once per run.
    func dueMail(at instant: Timestamp, after id: Int64, limit: Int) async throws -> [OutboxMail]
    /// What the outbox still holds at `instant`: due, waiting to retry (and when), failed.
    func mailBacklog(at instant: Timestamp) async throws -> MailBacklog
    func recordDelivery(_ id: Int64, _ record: DeliveryRecord) async throws
    func queueCounts() async throws -> QueueCounts

    // MARK: Audit

    /// Records an event on its own (refusals, sign-in failures).
    func append(_ event: AuditEvent) async throws
    /// The newest events, newest first.
    func recentAuditEvents(limit: Int) async throws -> [AuditEvent]
}

/// An account to create, with its first grants.
public struct NewAccount: Sendable, Hashable {
    public var username: String
    public var passwordHash: String
    public var personID: PersonID?
    public var grants: [GrantRequest]
    public var grantedBy: String

    public init(username: String, passwordHash: String, personID: PersonID?, grants: [GrantRequest], grantedBy: String) {
        self.username = username
        self.passwordHash = passwordHash
        self.personID = personID
        self.grants = grants
        self.grantedBy = grantedBy
    }
}

/// What signing in needs to know about an account.
public struct AccountCredentials: Sendable, Hashable {
    public var id: AccountID
    public var passwordHash: String
    public var sealedTOTPSecret: [UInt8]?
    public var personID: PersonID?
    public var membership: MembershipStatus?

    public init(id: AccountID, passwordHash: String, sealedTOTPSecret: [UInt8]?, personID: PersonID?, membership: MembershipStatus?) {
        self.id = id
        self.passwordHash = passwordHash
        self.sealedTOTPSecret = sealedTOTPSecret
        self.personID = personID
        self.membership = membership
    }
}

/// A request's session with the account's grants in force and membership, read together.
public struct AccessContext: Sendable, Hashable {
    public var session: SessionRecord
    public var grants: [Grant]
    public var personID: PersonID?
    public var membership: MembershipStatus?
    public var secondFactor: Bool

    public init(session: SessionRecord, grants: [Grant], personID: PersonID?, membership: MembershipStatus?, secondFactor: Bool) {
        self.session = session
        self.grants = grants
        self.personID = personID
        self.membership = membership
        self.secondFactor = secondFactor
    }
}

/// A session to create: only the hash of its token is stored.
public struct NewSession: Sendable, Hashable {
    public var accountID: AccountID
    public var tokenHash: [UInt8]
    public var csrfToken: String
    public var createdAt: Timestamp
    public var expiresAt: Timestamp
    public var secondFactor: Bool
    public var client: String

    public init(accountID: AccountID, tokenHash: [UInt8], csrfToken: String, createdAt: Timestamp, expiresAt: Timestamp,
                secondFactor: Bool = false, client: String = "") {
        self.accountID = accountID
        self.tokenHash = tokenHash
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.secondFactor = secondFactor
        self.client = client
    }
}

/// A read of people, as the Gate decided it.
public struct PeopleRead: Sendable {
    public enum Target: Sendable {
        /// A search, narrowed by the store to `scope`.
        case search(PeopleQuery, PeopleScope)
        /// One person.
        case person(PersonID)
        /// The people on a walk list in walking order, or only those at one stop of it.
        case walkList(WalkListID, stop: Int?)
    }

    public var target: Target
    /// Describes the access; the store adds the people read.
    public var audit: AuditEvent
    /// Distinct people the account may read in a rolling day; `nil` for no budget (the local operator).
    public var budget: Int?
    /// The fields the reader may see of a person; empty means not at all. Pure, from the policy.
    public var decide: @Sendable (PersonRecord) -> Set<PersonField>

    public init(target: Target, audit: AuditEvent, budget: Int?, decide: @escaping @Sendable (PersonRecord) -> Set<PersonField>) {
        self.target = target
        self.audit = audit
        self.budget = budget
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

    public init(outcome: Outcome, people: [(record: PersonRecord, fields: Set<PersonField>)], budgetUsed: Int, budgetLimit: Int?) {
        self.outcome = outcome
        self.people = people
        self.budgetUsed = budgetUsed
        self.budgetLimit = budgetLimit
    }
}
