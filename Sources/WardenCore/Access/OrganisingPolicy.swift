/// Who organises an area: writes to its people (``MailingPolicy``) and manages its
/// volunteers (``VolunteerPolicy``) and events. One rule, so the two never drift apart.
///
/// Organisers, campaign managers and membership secretaries organise the areas their grants
/// cover (a grant over an area covers everything under it; a grant with no area covers the
/// party). A canvasser's walk-list grant organises nothing.
public enum OrganisingPolicy {
    /// The roles that organise.
    public static let roles: Set<Role> = [.organiser, .campaignManager, .membershipSecretary]

    /// Whether `actor` organises the area whose chain (the area and everything above it) is
    /// `chain`. An empty chain is "no area": only whole-party grants reach it.
    public static func mayOrganise(_ actor: Actor, areaChain chain: Set<AreaID>) -> Bool {
        if case .localOperator = actor.kind { return true }
        return actor.grants.contains { grant in
            roles.contains(grant.role) && grant.scopeWalkListID == nil && (grant.scopeAreaID.map(chain.contains) ?? true)
        }
    }

    /// Whether `actor` organises anywhere: who gets the menu items.
    public static func organisesAnywhere(_ actor: Actor) -> Bool {
        if case .localOperator = actor.kind { return true }
        return actor.grants.contains { roles.contains($0.role) && $0.scopeWalkListID == nil }
    }
}
