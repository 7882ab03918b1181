/// "Who can see my members?": for an area, every account that can read people there,
/// through which grant, until when. Pure, over grants and the area hierarchy.
public struct AccessReportLine: Sendable, Hashable, Codable {
    public var username: String
    public var grantID: Int64
    public var role: Role
    public var purpose: Purpose
    /// The grant's scope: an area's name, "whole party", or "own record".
    public var scope: String
    /// `all` when the grant covers the whole area, `part` when it covers an area within it.
    public var covers: String
    public var expiresAt: Timestamp
    public var pendingApproval: Bool
}

public enum AccessReport {
    /// The lines for `area` (or every grant that reads people, when `nil`), given grants
    /// with usernames and the hierarchy. Roles that read no one (administrator, campaign
    /// manager) and own-record grants are left out: they cannot read the area's people.
    public static func lines(
        for area: AreaID?, grants: [(grant: Grant, username: String)], areas: [AreaID: Area]
    ) -> [AccessReportLine] {
        func ancestors(_ id: AreaID) -> Set<AreaID> {
            var result: Set<AreaID> = []
            var cursor: AreaID? = id
            while let current = cursor, let found = areas[current] {
                result.insert(current)
                cursor = found.parentID
            }
            return result
        }
        return grants.compactMap { grant, username in
            guard !AccessPolicy.readableFields(for: grant.role).isEmpty, grant.role != .member else { return nil }
            let covers: String
            if let area {
                if let scope = grant.scopeAreaID {
                    if ancestors(area).contains(scope) { covers = "all" }
                    else if ancestors(scope).contains(area) { covers = "part" }
                    else { return nil }
                } else {
                    covers = "all"
                }
            } else {
                covers = grant.scopeAreaID == nil ? "all" : "part"
            }
            return AccessReportLine(
                username: username, grantID: grant.id, role: grant.role, purpose: grant.purpose,
                scope: grant.scopeAreaID.map { areas[$0]?.name ?? "area \($0)" } ?? "whole party",
                covers: covers, expiresAt: grant.expiresAt, pendingApproval: grant.isPending)
        }
    }
}
