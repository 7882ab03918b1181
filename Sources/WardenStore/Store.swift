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

    /// People matching `query`, with the search recorded against each person returned.
    func searchPeople(_ query: PeopleQuery, audit: AuditEvent) async throws -> [PersonRecord]
    /// One person, with the read recorded; `nil` (and a recorded refusal-free miss) when absent.
    func personRecord(_ id: PersonID, audit: AuditEvent) async throws -> PersonRecord?
    /// How many people, electors and members there are: aggregates only.
    func counts() async throws -> StoreCounts

    // MARK: Accounts and sessions

    func createAccount(_ account: NewAccount, audit: AuditEvent) async throws -> AccountID
    func accountCount() async throws -> Int
    /// The account's id and password hash for signing in; `nil` when there is no such (enabled) account.
    func credentials(username: String) async throws -> (AccountID, passwordHash: String)?
    /// Grants in force for `account` at `instant`.
    func activeGrants(_ account: AccountID, at instant: Timestamp) async throws -> [Grant]
    func createSession(_ session: NewSession, audit: AuditEvent) async throws
    /// The session whose token hashes to `tokenHash`, marking it seen at `instant`.
    func session(tokenHash: [UInt8], seenAt instant: Timestamp) async throws -> SessionRecord?
    func endSession(tokenHash: [UInt8], at instant: Timestamp, audit: AuditEvent) async throws

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

/// A session to create: only the hash of its token is stored.
public struct NewSession: Sendable, Hashable {
    public var accountID: AccountID
    public var tokenHash: [UInt8]
    public var csrfToken: String
    public var createdAt: Timestamp
    public var expiresAt: Timestamp

    public init(accountID: AccountID, tokenHash: [UInt8], csrfToken: String, createdAt: Timestamp, expiresAt: Timestamp) {
        self.accountID = accountID
        self.tokenHash = tokenHash
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
