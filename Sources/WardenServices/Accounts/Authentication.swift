import Crypto
import Foundation
public import WardenCore
import WardenStore

/// Signing in and out, and turning a session token back into an ``Actor`` on every request.
///
/// Nothing about an actor is cached between requests: each resolution reads the session
/// and the grants in force now, so ending a session or a grant takes effect at the next request.
public struct Authentication: Sendable {
    let store: any WardenStore
    let hasher: PasswordHasher
    let policy: SessionPolicy
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

    /// Signs in with a username and password. Unknown user and wrong password fail alike.
    public func signIn(username: String, password: String) async throws -> SignedIn {
        let now = Timestamp.now
        guard let (accountID, hash) = try await store.credentials(username: username) else {
            _ = hasher.verify(password, against: decoyHash)
            try await store.append(AuditEvent(actor: Actor(kind: .localOperator("anonymous"), roles: []), action: .signIn,
                                              purpose: nil, outcome: .refused, detail: "sign-in failed"))
            throw WardenError.signInFailed
        }
        let actor = Actor(kind: .account(accountID, username: username), roles: try await roles(of: accountID, at: now))
        guard hasher.verify(password, against: hash) else {
            try await store.append(AuditEvent(actor: actor, action: .signIn, purpose: nil, outcome: .refused, detail: "sign-in failed"))
            throw WardenError.signInFailed
        }
        let token = Self.randomToken()
        let csrf = Self.randomToken()
        let expires = now.adding(seconds: policy.absoluteSeconds)
        try await store.createSession(
            NewSession(accountID: accountID, tokenHash: Self.hash(token), csrfToken: csrf, createdAt: now, expiresAt: expires),
            audit: AuditEvent(actor: actor, action: .signIn, purpose: nil, detail: "session created"))
        return SignedIn(token: token, csrfToken: csrf, actor: actor, expiresAt: expires)
    }

    /// The actor behind `token` now, with the CSRF token of its session; `nil` when the
    /// session is unknown, ended, idle too long or past its absolute limit.
    public func resolve(token: String) async throws -> (actor: Actor, csrfToken: String)? {
        let now = Timestamp.now
        guard let session = try await store.session(tokenHash: Self.hash(token), seenAt: now),
              session.isLive(at: now, policy: policy)
        else { return nil }
        let actor = Actor(kind: .account(session.accountID, username: session.username),
                          roles: try await roles(of: session.accountID, at: now))
        return (actor, session.csrfToken)
    }

    /// Ends the session behind `token` everywhere.
    public func signOut(token: String, actor: Actor) async throws {
        try await store.endSession(tokenHash: Self.hash(token), at: .now,
                                   audit: AuditEvent(actor: actor, action: .signOut, purpose: nil, detail: "session ended"))
    }

    func roles(of account: AccountID, at instant: Timestamp) async throws -> Set<Role> {
        Set(try await store.activeGrants(account, at: instant).map(\.role))
    }

    static func hash(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// 256 random bits, base64url without padding.
    static func randomToken() -> String {
        var bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        defer { bytes.removeAll() }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
