/// Who may give which grant to whom, and what a grant needs before it is in force: pure, so
/// every rule has an allowed and a refused test.
///
/// The rules that stop one administrator from giving themselves the party:
/// - nobody grants themselves a role that reads people (a member's own record excepted);
/// - every grant that reads people names its area (or, for a canvasser, its walk list);
/// - a grant over the whole party (no area, or the top of the hierarchy) is elevated: it waits
///   for a second person, as roles above organiser do;
/// - a grant to oneself, a whole-party grant, and the revocation of a DPO's or an
///   administrator's grant each raise an alert, so oversight cannot be removed quietly.
public enum GrantPolicy {
    /// What the policy decided about a grant request that may go ahead.
    public struct Review: Sendable, Hashable {
        /// The request with ``GrantRequest/needsApproval`` set.
        public var request: GrantRequest
        /// Why the DPO must be told, if they must.
        public var alert: String?
    }

    /// Reviews `request` to the account `holder` (username `holderName`) by `actor`. `area` is
    /// the grant's area as the store holds it (`nil` when the request names none).
    public static func review(
        _ request: GrantRequest, holder: AccountID, holderName: String, area: Area?, by actor: Actor
    ) throws(WardenError) -> Review {
        let readsPeople = !AccessPolicy.readableFields(for: request.role).isEmpty && request.role != .member
        let toSelf = actor.accountID == holder
        if toSelf && readsPeople {
            throw .forbidden("nobody grants themselves a role that reads people's records; ask another administrator")
        }
        if readsPeople && request.scopeAreaID == nil && request.scopeWalkListID == nil {
            throw .invalidRequest("area: a grant that reads people's records names the area it covers")
        }
        if request.scopeAreaID != nil && area == nil {
            throw .notFound("no such area")
        }
        let wholeParty = isWholeParty(request, area: area)
        var reviewed = request
        reviewed.needsApproval = request.role.grantNeedsApproval || wholeParty
        var reasons: [String] = []
        if toSelf { reasons.append("\(actor.label) granted themselves \(request.role.rawValue)") }
        if wholeParty { reasons.append("whole-party \(request.role.rawValue) grant to \(holderName) by \(actor.label)") }
        return Review(request: reviewed, alert: reasons.isEmpty ? nil : reasons.joined(separator: "; "))
    }

    /// Whether the grant reaches the whole party: no area (other than a member's own record or
    /// a canvasser's list) or an area at the top of the hierarchy.
    public static func isWholeParty(_ request: GrantRequest, area: Area?) -> Bool {
        if request.role == .member || request.scopeWalkListID != nil { return false }
        guard let area else { return true }
        return area.parentID == nil
    }

    /// Whether `actor` may be the second person who approves `grant`: an administrator or the
    /// data protection officer (oversight, so a party with one administrator can still
    /// approve), and never the grant's granter or its holder.
    public static func mayApprove(_ grant: Grant, actor: Actor) -> Bool {
        mayApproveGrants(actor) && grant.grantedBy != actor.label && grant.accountID != actor.accountID
    }

    /// Whether `actor` approves grants at all (see ``mayApprove(_:actor:)``).
    public static func mayApproveGrants(_ actor: Actor) -> Bool {
        AccessPolicy.mayAdministerAccounts(actor) || actor.grants.contains { $0.role == .dataProtectionOfficer }
    }

    /// Why revoking `grant` (or all of an account's `grants`) must be told to the DPO: losing a
    /// data protection officer or an administrator removes oversight.
    public static func revocationAlert(of grants: [Grant], holderName: String, by actor: Actor) -> String? {
        let watched = Set(grants.map(\.role)).intersection([.dataProtectionOfficer, .administrator])
        guard !watched.isEmpty else { return nil }
        return "\(actor.label) revoked \(watched.map(\.rawValue).sorted().joined(separator: ", ")) access of \(holderName)"
    }
}
