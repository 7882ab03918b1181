import WardenCore
@_spi(Gate) import WardenStore

/// Setting up accounts and sessions for the contract tests.
extension Fixture {
    static func account(_ store: StoreUnderTest, _ name: String = "ann", personID: PersonID? = nil,
                        grants: [GrantRequest] = []) async throws -> AccountID {
        try await store.createAccount(NewAccount(username: name, passwordHash: "old", personID: personID, grants: grants, grantedBy: "test"),
                                      audit: audit(.accountCreated))
    }

    /// Opens a ten-minute session for `account` whose token hash is 32 `byte`s, and returns that hash.
    static func session(_ store: StoreUnderTest, _ account: AccountID, byte: UInt8) async throws -> [UInt8] {
        let hash = Array(repeating: byte, count: 32)
        try await store.createSession(NewSession(accountID: account, tokenHash: hash, csrfToken: "c", createdAt: .now,
                                                 expiresAt: Timestamp.now.adding(seconds: 600)), audit: audit(.signIn))
        return hash
    }

    /// A grant of `role` over `area` for a day.
    static func grant(_ role: Role, over area: AreaID?, purpose: Purpose = .campaignPlanning) -> GrantRequest {
        GrantRequest(role: role, scopeAreaID: area, purpose: purpose, reason: "test", days: 1)
    }
}
