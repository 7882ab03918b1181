public import WardenCore
import WardenStore

/// Creating accounts and their first grants.
public struct AccountService: Sendable {
    let store: any WardenStore
    let hasher: PasswordHasher

    /// Creates an account holding `grants`, granted by `actor`.
    ///
    /// Usernames are 3–64 letters, digits, dots, dashes or underscores; passwords at least 12 characters.
    public func create(
        username: String, password: String, grants: [GrantRequest], personID: PersonID? = nil, actor: Actor
    ) async throws -> AccountID {
        guard (3...64).contains(username.count),
              username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        else {
            throw WardenError.invalidRequest("username: 3 to 64 letters, digits, dots, dashes or underscores")
        }
        guard password.count >= 12 else { throw WardenError.invalidRequest("password: at least 12 characters") }
        let account = NewAccount(username: username, passwordHash: try hasher.hash(password), personID: personID,
                                 grants: grants, grantedBy: actor.label)
        return try await store.createAccount(account, audit: AuditEvent(
            actor: actor, action: .accountCreated, purpose: .accountAdministration,
            detail: "account \(username) with \(grants.map(\.role.rawValue).joined(separator: ","))"))
    }

    /// How many accounts exist (an initialised database has at least its administrator).
    public func count() async throws -> Int {
        try await store.accountCount()
    }

    /// The newest audit events, for administrators and the DPO.
    public func recentAudit(limit: Int = 50) async throws -> [AuditEvent] {
        try await store.recentAuditEvents(limit: limit)
    }
}
