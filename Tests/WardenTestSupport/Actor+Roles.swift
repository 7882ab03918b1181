public import WardenCore

extension Actor {
    /// An actor holding `roles` over the whole party, each for its usual purpose.
    public init(kind: Kind, roles: Set<Role>, personID: PersonID? = nil) {
        let now = Timestamp.now
        let account = kind.accountID ?? AccountID(0)
        self.init(kind: kind, grants: roles.sorted { $0.rawValue < $1.rawValue }.enumerated().map { index, role in
            Grant(id: Int64(-1 - index), accountID: account, role: role, scopeAreaID: nil, purpose: .usual(for: role),
                  grantedBy: "implicit", reason: "party-wide", startsAt: now, expiresAt: now.adding(days: 1))
        }, personID: personID)
    }
}
