/// "Who can see my members?": for an area, every account that can read people there,
/// through which grant, until when. Pure, over grants and the area hierarchy.
public struct AccessReportLine: Sendable, Hashable, Codable {
    public var username: String
    public var grantID: Int64
    public var role: Role
    public var purpose: Purpose
    /// The grant's scope: an area's name, a walk list's, or "whole party".
    public var scope: String
    /// `all` when the grant covers the whole area, `part` when it covers an area within it or
    /// only the electors at a walk list's doors.
    public var covers: String
    public var expiresAt: Timestamp
    public var pendingApproval: Bool
}

public enum AccessReport {
    /// The lines for `area` (or every grant that reads people, when `nil`), given grants
    /// with usernames and the hierarchy. Roles that read no one (administrator, campaign
    /// manager), own-record grants and canvassers' standing area grants are left out: they
    /// cannot read the area's people. A
    /// canvasser's grant on a walk list (`walkLists` holds those lists) covers part of the
    /// list's polling district: its doors' electors, never the whole party.
    public static func lines(
        for area: AreaID?, grants: [(grant: Grant, username: String)], areas: [AreaID: Area], walkLists: [WalkListID: WalkList] = [:]
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
            // A canvasser's standing area grant says only where lists may be given to them: it
            // shows no one, so it is not access to report (their list grants are).
            if grant.role == .canvasser && grant.scopeWalkListID == nil { return nil }
            let covers: String
            if let listID = grant.scopeWalkListID {
                guard let list = walkLists[listID], area.map({ ancestors(list.pollingDistrictID).contains($0) }) ?? true else { return nil }
                covers = "part"
            } else if let area {
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
                scope: scope(of: grant, areas: areas, walkLists: walkLists),
                covers: covers, expiresAt: grant.expiresAt, pendingApproval: grant.isPending)
        }
    }

    /// A grant's scope in words: "Alder Vale", "walk list AA 3 of 25 (AA)", "whole party".
    public static func scope(of grant: Grant, areas: [AreaID: Area], walkLists: [WalkListID: WalkList]) -> String {
        if let listID = grant.scopeWalkListID {
            guard let list = walkLists[listID] else { return "walk list \(listID)" }
            return "walk list \(list.name) (\(areas[list.pollingDistrictID]?.code ?? "district \(list.pollingDistrictID)"))"
        }
        return grant.scopeAreaID.map { areas[$0]?.name ?? "area \($0)" } ?? "whole party"
    }
}
