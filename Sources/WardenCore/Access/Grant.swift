/// The right to act in a role over a scope, for a purpose, until an expiry.
///
/// Access is never a property of an account: it is held through grants, each with the
/// person who gave it, a reason and an end, so that "who can see these members, through
/// what, until when?" always has an answer.
public struct Grant: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var accountID: AccountID
    public var role: Role
    /// The area the grant covers; `nil` for roles that are not area-scoped (administrator, own record).
    public var scopeAreaID: AreaID?
    public var purpose: Purpose
    public var grantedBy: String
    public var reason: String
    public var startsAt: Timestamp
    public var expiresAt: Timestamp
    public var revokedAt: Timestamp?

    public init(
        id: Int64, accountID: AccountID, role: Role, scopeAreaID: AreaID?, purpose: Purpose, grantedBy: String,
        reason: String, startsAt: Timestamp, expiresAt: Timestamp, revokedAt: Timestamp? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.role = role
        self.scopeAreaID = scopeAreaID
        self.purpose = purpose
        self.grantedBy = grantedBy
        self.reason = reason
        self.startsAt = startsAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// In force at `instant`: started, not expired, not revoked.
    public func isActive(at instant: Timestamp) -> Bool {
        revokedAt == nil && startsAt <= instant && instant < expiresAt
    }
}

/// A grant to be created.
public struct GrantRequest: Sendable, Hashable {
    public var role: Role
    public var scopeAreaID: AreaID?
    public var purpose: Purpose
    public var reason: String
    public var days: Int

    public init(role: Role, scopeAreaID: AreaID?, purpose: Purpose, reason: String, days: Int = 90) {
        self.role = role
        self.scopeAreaID = scopeAreaID
        self.purpose = purpose
        self.reason = reason
        self.days = days
    }
}
