/// Who organises in an area: the roles that run volunteers and events for the areas their
/// grants cover, as they write to those areas' people (``MailingPolicy``).
///
/// One rule for every organising feature (``VolunteerPolicy``, ``EventPolicy``), so a change to
/// who organises is made once.
public enum AreaOrganisers {
    static let roles: Set<Role> = [.organiser, .campaignManager, .membershipSecretary]

    /// Whether `actor` organises in the area whose chain (the area and everything above it) is
    /// `chain`; an empty chain (no area) is for whole-party grants only.
    public static func mayManage(_ actor: Actor, areaChain chain: Set<AreaID>) -> Bool {
        if case .localOperator = actor.kind { return true }
        return actor.grants.contains { grant in
            roles.contains(grant.role) && grant.scopeWalkListID == nil && (grant.scopeAreaID.map(chain.contains) ?? true)
        }
    }

    /// Whether `actor` organises anywhere: who gets the menu items.
    public static func managesAny(_ actor: Actor) -> Bool {
        if case .localOperator = actor.kind { return true }
        return actor.grants.contains { roles.contains($0.role) && $0.scopeWalkListID == nil }
    }
}
