public import WardenCore

/// Accounts, sessions, second factors and sign-in throttling.
public protocol AccountStore: Sendable {
    func createAccount(_ account: NewAccount, audit: AuditEvent) async throws -> AccountID
    func accountCount() async throws -> Int
    func accounts() async throws -> [AccountSummary]
    func accountID(username: String) async throws -> AccountID?
    /// What signing in needs; `nil` when there is no such (enabled) account.
    func credentials(username: String) async throws -> AccountCredentials?
    func createSession(_ session: NewSession, audit: AuditEvent) async throws
    /// Everything a request's access decision needs, read in one transaction, marking the
    /// session seen at `instant`; `nil` when no session has this token.
    func accessContext(tokenHash: [UInt8], seenAt instant: Timestamp) async throws -> AccessContext?
    func endSession(tokenHash: [UInt8], at instant: Timestamp, audit: AuditEvent) async throws
    /// Ends the session and records the refusal with its alert, in one transaction.
    func refuseSession(tokenHash: [UInt8], audit: AuditEvent, alert: AlertDraft) async throws

    /// Replaces the account's password hash and ends its sessions; with `forgetSecondFactor`,
    /// also removes its authenticator and recovery codes (an administrator's reset). Raises
    /// `alert` in the same transaction.
    func setPassword(_ account: AccountID, hash: String, forgetSecondFactor: Bool, audit: AuditEvent, alert: AlertDraft?) async throws
    /// Sets an account's second factor and recovery codes, with the audit entry and, when given,
    /// the DPO's alert, in one transaction.
    func setSecondFactor(_ account: AccountID, sealedSecret: [UInt8], recoveryCodeHashes: [[UInt8]], audit: AuditEvent, alert: AlertDraft?) async throws
    /// Records `step` as used if it is later than the last one; false on a replay, and for an
    /// account with no second factor (it has no steps to use).
    func useTOTPStep(_ account: AccountID, step: Int64) async throws -> Bool
    /// Spends a recovery code; false when it is unknown or used.
    func useRecoveryCode(_ account: AccountID, hash: [UInt8], at instant: Timestamp) async throws -> Bool
    /// Records a failed sign-in and returns the failures in the window; raises the alert
    /// `alert` makes of the new counts (at most one per kind, account and actor a window).
    func recordSignInFailure(
        username: String, client: String, at instant: Timestamp, audit: AuditEvent, alert: @escaping @Sendable (SignInThrottle.Counts) -> AlertDraft?
    ) async throws -> SignInThrottle.Counts
    func signInFailures(username: String, client: String, since: Timestamp) async throws -> SignInThrottle.Counts
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
    /// The account's access generation when this was read: see ``AccessStanding``.
    public var generation: Int64
    /// When the grants in force next change by the clock alone (a grant starts or expires);
    /// `nil` when none will.
    public var nextGrantChange: Timestamp?

    public init(session: SessionRecord, grants: [Grant], personID: PersonID?, membership: MembershipStatus?, secondFactor: Bool,
                generation: Int64, nextGrantChange: Timestamp?) {
        self.session = session
        self.grants = grants
        self.personID = personID
        self.membership = membership
        self.secondFactor = secondFactor
        self.generation = generation
        self.nextGrantChange = nextGrantChange
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

