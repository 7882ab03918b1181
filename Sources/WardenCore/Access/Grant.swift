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
    /// The walk list the grant covers, for a canvasser holding one: only its households.
    public var scopeWalkListID: WalkListID?
    public var purpose: Purpose
    public var grantedBy: String
    public var reason: String
    public var startsAt: Timestamp
    public var expiresAt: Timestamp
    public var revokedAt: Timestamp?
    /// Roles above organiser wait for a second person's approval before they are in force.
    public var needsApproval: Bool
    public var approvedBy: String?

    public init(
        id: Int64, accountID: AccountID, role: Role, scopeAreaID: AreaID?, scopeWalkListID: WalkListID? = nil, purpose: Purpose,
        grantedBy: String, reason: String, startsAt: Timestamp, expiresAt: Timestamp, revokedAt: Timestamp? = nil,
        needsApproval: Bool = false, approvedBy: String? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.role = role
        self.scopeAreaID = scopeAreaID
        self.scopeWalkListID = scopeWalkListID
        self.purpose = purpose
        self.grantedBy = grantedBy
        self.reason = reason
        self.startsAt = startsAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.needsApproval = needsApproval
        self.approvedBy = approvedBy
    }

    /// In force at `instant`: approved if it needed to be, started, not expired, not revoked.
    public func isActive(at instant: Timestamp) -> Bool {
        revokedAt == nil && startsAt <= instant && instant < expiresAt && (!needsApproval || approvedBy != nil)
    }

    /// Waiting for a second person's approval.
    public var isPending: Bool { needsApproval && approvedBy == nil && revokedAt == nil }
}

extension Role {
    /// Roles above organiser reach many people or all data: granting them needs a second person.
    public var grantNeedsApproval: Bool {
        switch self {
        case .member, .canvasser, .organiser: false
        case .membershipSecretary, .campaignManager, .dataProtectionOfficer, .administrator: true
        }
    }

    /// The longest a grant of this role may last, in days.
    public static let maximumGrantDays = 366
    /// How long a grant lasts when the granter does not say.
    public static let defaultGrantDays = 90
}

/// A grant to be created.
public struct GrantRequest: Sendable, Hashable {
    public var role: Role
    public var scopeAreaID: AreaID?
    public var scopeWalkListID: WalkListID?
    public var purpose: Purpose
    public var reason: String
    public var days: Int
    /// An exact end, shorter than a day, for grants that come with a task (a walk list).
    public var expiresAt: Timestamp?
    /// Whether a second person must approve it: set by ``GrantPolicy/review(_:holder:holderName:area:by:)``
    /// (roles above organiser, and anything over the whole party).
    public var needsApproval: Bool
    /// Set only when bootstrapping a new database (`warden init`, the demo), where there is
    /// no second person yet: the grant is in force at once, approved by this name.
    public var bootstrapApprovedBy: String?

    public init(role: Role, scopeAreaID: AreaID?, scopeWalkListID: WalkListID? = nil, purpose: Purpose, reason: String,
                days: Int = Role.defaultGrantDays, expiresAt: Timestamp? = nil, bootstrapApprovedBy: String? = nil) {
        self.expiresAt = expiresAt
        self.role = role
        self.scopeAreaID = scopeAreaID
        self.scopeWalkListID = scopeWalkListID
        self.purpose = purpose
        self.reason = reason
        self.days = days
        self.bootstrapApprovedBy = bootstrapApprovedBy
        needsApproval = role.grantNeedsApproval
    }
}
