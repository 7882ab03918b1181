import Crypto
import Foundation
public import WardenCore
import WardenGate
import WardenStore

/// Signing in and out, and turning a session token back into an ``Actor`` on every request.
///
/// ``resolve(token:)`` reads the session, the grants in force and the account's membership
/// now, so a resignation, an expired or revoked grant, or an ended session takes effect at
/// the very next request. ``resolveFromCache(token:)`` answers from a resolution a few
/// seconds old, for requests whose Gate operation checks the actor's standing in its own
/// transaction; there a change takes effect at the very next request too, because the check
/// fails and the request is resolved afresh.
public struct Authentication: Sendable {
    let store: any AccountStore & GrantStore & AlertStore & LogStore
    let hasher: PasswordHasher
    let policy: SessionPolicy
    let keyRing: KeyRingSource
    let cache = SessionCache()

    /// Verified against when the username is unknown, so both failures cost one scrypt run.
    /// It has the hasher's parameters and matches no password (its hash is all zeros).
    var decoyHash: String {
        "$scrypt$ln=\(hasher.logRounds),r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
    }

    /// A new session: the token goes to the client (cookie or bearer), only its hash is kept.
    public struct SignedIn: Sendable {
        public var token: String
        public var csrfToken: String
        public var actor: Actor
        public var expiresAt: Timestamp
    }

    /// What a request's token resolves to.
    public enum Resolution: Sendable {
        /// No token, or an unknown, ended or timed-out session.
        case anonymous
        case signedIn(Actor, csrfToken: String)
        /// The session was live but the account's access has ended; the session is now ended,
        /// the refusal recorded and the DPO alerted.
        case accessEnded
    }

    /// Signs in with a username, a password and, for roles above member, a TOTP code or an
    /// unused recovery code.
    ///
    /// Unknown user, wrong password, missing code and wrong code all fail alike, with the same
    /// answer and one scrypt run each, so nothing tells an attacker which factor was right.
    /// Failures are throttled by ``SignInThrottle``: per username and client, per client, and
    /// per username across clients.
    public func signIn(username: String, password: String, secondFactor: String? = nil, client: String = "local") async throws -> SignedIn {
        let now = Timestamp.now
        let recorded = SignInThrottle.recordedName(username)
        let recent = try await store.signInFailures(username: recorded, client: client, since: now.adding(seconds: -SignInThrottle.window))
        let credentials = Username.isValid(username) ? try await store.credentials(username: username) : nil
        if SignInThrottle.isLocked(recent) {
            try await fail(username: username, client: client, at: now, accountID: credentials?.id)
            throw WardenError.tooManyAttempts
        }
        guard let credentials else {
            _ = hasher.verify(password, against: decoyHash)
            try await fail(username: username, client: client, at: now, accountID: nil)
            throw WardenError.signInFailed
        }
        guard hasher.verify(password, against: credentials.passwordHash) else {
            try await fail(username: username, client: client, at: now, accountID: credentials.id)
            throw WardenError.signInFailed
        }
        let grants = try await store.activeGrants(credentials.id, at: now)
        let actor = Actor(kind: .account(credentials.id, username: username), grants: grants, personID: credentials.personID)
        let needsSecondFactor = grants.contains { $0.role.needsSecondFactor }
        if needsSecondFactor, try await !secondFactorHolds(secondFactor, credentials: credentials, at: now) {
            try await fail(username: username, client: client, at: now, accountID: credentials.id)
            throw WardenError.signInFailed
        }
        if let membership = credentials.membership, !membership.isInGoodStanding {
            try await store.raise(
                AlertDraft(kind: .revokedAccess, accountID: credentials.id, actor: username, detail: "sign-in by a \(membership.rawValue) member refused"),
                audit: AuditEvent(actor: actor, action: .signIn, purpose: nil, outcome: .refused, detail: "membership \(membership.rawValue)"))
            throw WardenError.accessEnded
        }
        let token = Self.randomToken()
        let csrf = Self.randomToken()
        let expires = now.adding(seconds: policy.absoluteSeconds)
        try await store.createSession(
            NewSession(accountID: credentials.id, tokenHash: Self.hash(token), csrfToken: csrf, createdAt: now, expiresAt: expires,
                       secondFactor: needsSecondFactor, client: client),
            audit: AuditEvent(actor: actor, action: .signIn, purpose: nil, detail: needsSecondFactor ? "session created, second factor" : "session created"))
        return SignedIn(token: token, csrfToken: csrf, actor: actor, expiresAt: expires)
    }

    /// Whether `code` is the account's current TOTP code (not used before) or one of its unused
    /// recovery codes. An account with no authenticator enrolled has no code that holds.
    private func secondFactorHolds(_ code: String?, credentials: AccountCredentials, at now: Timestamp) async throws -> Bool {
        guard let sealed = credentials.sealedTOTPSecret,
              let code = code?.replacingOccurrences(of: " ", with: ""), !code.isEmpty
        else { return false }
        let totp = TOTP(secret: try keyRing.open(sealed, context: Self.totpContext(credentials.id)))
        if let step = totp.verify(code, at: now.secondsSince1970, lastUsedStep: nil),
           try await store.useTOTPStep(credentials.id, step: step) {
            return true
        }
        guard code.contains("-") else { return false }
        return try await store.useRecoveryCode(credentials.id, hash: Self.hash(code.lowercased()), at: now)
    }

    /// Records a failed sign-in; reaching a limit raises one alert (see ``SignInThrottle``).
    private func fail(username: String, client: String, at now: Timestamp, accountID: AccountID?) async throws {
        let recorded = SignInThrottle.recordedName(username)
        let anonymous = Actor(kind: accountID.map { .account($0, username: recorded) } ?? .localOperator("anonymous"), grants: [])
        _ = try await store.recordSignInFailure(
            username: recorded, client: client, at: now,
            audit: AuditEvent(actor: anonymous, action: .signIn, purpose: nil, outcome: .refused, detail: "sign-in failed")
        ) { counts in
            SignInThrottle.alert(after: counts, username: username, account: accountID, client: client)
        }
    }

    /// Changes the signed-in account's own password: the current one must be right (a wrong
    /// one counts as a failed sign-in from `client`), the new one must pass ``PasswordRules``.
    /// Every session of the account ends, this one included: sign in again with the new password.
    public func changePassword(current: String, new: String, actor: Actor, client: String = "local") async throws {
        guard case .account(let account, let username) = actor.kind,
              let credentials = try await store.credentials(username: username), credentials.id == account
        else { throw WardenError.unauthenticated }
        // The current password is guessed here as at the sign-in form, so the same locks hold.
        let recent = try await store.signInFailures(username: username, client: client, since: Timestamp.now.adding(seconds: -SignInThrottle.window))
        guard !SignInThrottle.isLocked(recent) else { throw WardenError.tooManyAttempts }
        guard hasher.verify(current, against: credentials.passwordHash) else {
            try await fail(username: username, client: client, at: .now, accountID: account)
            throw WardenError.forbidden("the current password is not right")
        }
        try PasswordRules.check(new)
        guard new != current else { throw WardenError.invalidRequest("password: choose a new one") }
        try await store.setPassword(account, hash: try hasher.hash(new), forgetSecondFactor: false,
                                    audit: AuditEvent(actor: actor, action: .passwordChanged, purpose: .accountAdministration,
                                                      detail: "own password changed; sessions ended"),
                                    alert: nil)
    }

    /// What `token` stands for now. Each call reads the session, grants and membership afresh.
    public func resolve(token: String) async throws -> Resolution {
        let now = Timestamp.now
        let hash = Self.hash(token)
        guard let context = try await store.accessContext(tokenHash: hash, seenAt: now),
              context.session.isLive(at: now, policy: policy)
        else {
            cache.forget(hash)
            return .anonymous
        }
        let actor = Self.actor(context, cached: false)
        if let membership = context.membership, !membership.isInGoodStanding {
            cache.forget(hash)
            try await store.refuseSession(
                tokenHash: hash,
                audit: AuditEvent(actor: actor, action: .refused, purpose: nil, outcome: .refused, detail: "request after membership \(membership.rawValue)"),
                alert: AlertDraft(kind: .revokedAccess, accountID: context.session.accountID, actor: context.session.username,
                                  detail: "request refused: the account's member is \(membership.rawValue)"))
            return .accessEnded
        }
        cache.keep(context, for: hash, readAt: now, policy: policy)
        return .signedIn(actor, csrfToken: context.session.csrfToken)
    }

    /// What `token` stood for a few seconds ago, without reading the store; `nil` when no
    /// usable resolution is cached. The actor is marked as cached: only hand it to a Gate
    /// operation, which checks its standing before reading or writing anything and throws
    /// ``StandingChanged`` when it no longer holds.
    public func resolveFromCache(token: String) -> Resolution? {
        let hash = Self.hash(token)
        guard let context = cache.context(for: hash, at: .now) else { return nil }
        return .signedIn(Self.actor(context, cached: true), csrfToken: context.session.csrfToken)
    }

    /// The actor a session's context makes: its grants, less those needing a second factor
    /// when the session was opened without one.
    static func actor(_ context: AccessContext, cached: Bool) -> Actor {
        var grants = context.grants
        if !context.secondFactor { grants.removeAll { $0.role.needsSecondFactor } }
        return Actor(kind: .account(context.session.accountID, username: context.session.username), grants: grants,
                     personID: context.personID,
                     standing: AccessStanding(sessionID: context.session.id, generation: context.generation, cached: cached))
    }

    /// Ends the session behind `token` everywhere.
    public func signOut(token: String, actor: Actor) async throws {
        cache.forget(Self.hash(token))
        try await store.endSession(tokenHash: Self.hash(token), at: .now,
                                   audit: AuditEvent(actor: actor, action: .signOut, purpose: nil, detail: "session ended"))
    }

    static func totpContext(_ account: AccountID) -> String { "warden totp secret for account \(account.rawValue)" }

    static func hash(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// 256 random bits, base64url without padding: session tokens, CSRF tokens.
    public static func randomToken() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
