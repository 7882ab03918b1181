import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// Who can see an area (or everyone's access): as JSON for the DPO, and as the access page,
/// which adds the grants for an administrator. The service checks the caller's role.
struct AccessReportResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "access/report", page: "access", use: report)
    }

    struct ReportResponse: ResponseEncodable { var lines: [AccessReportLine] }

    /// The API refuses an `?area=` that is not an identifier; the page's menu sends only
    /// identifiers, and reads anything else as no area.
    @Sendable func report(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let areaID = switch answer {
        case .json: try request.identifier("area").map(AreaID.init(rawValue:))
        case .page: request.query("area").flatMap { Int64($0) }.map(AreaID.init(rawValue:))
        }
        let lines = try await warden.accounts.accessReport(areaID: areaID, actor: context.actor)
        switch answer {
        case .json:
            return try ReportResponse(lines: lines).response(from: request, context: context)
        case .page:
            return try await page(lines, area: areaID, context: context, done: request.query("done"))
        }
    }

    func page(_ lines: [AccessReportLine], area areaID: AreaID?, context: SignedInContext, done: String?) async throws -> Response {
        let areas = try await warden.areas.all()
        var grants: [AccessPage.GrantRow] = []
        if GrantPolicy.mayApproveGrants(context.actor) {
            let listings = try await warden.accounts.grants(actor: context.actor)
            let walkLists = try await warden.accounts.walkLists(of: listings.map(\.grant))
            let byID = Dictionary(uniqueKeysWithValues: areas.map { ($0.id, $0) })
            grants = listings.map { listing in
                let grant = listing.grant
                return .init(id: String(grant.id), username: listing.username, role: grant.role.title,
                             scope: AccessReport.scope(of: grant, areas: byID, walkLists: walkLists),
                             until: grant.expiresAt.readable, grantedBy: grant.grantedBy, pending: grant.isPending,
                             mayApprove: grant.isPending && GrantPolicy.mayApprove(grant, actor: context.actor))
            }
        }
        let options = areas.sorted { ($0.level, $0.name) < ($1.level, $1.name) }.map {
            AccessPage.AreaOption(id: $0.id.description, name: "\($0.name) (\($0.level.words))",
                                  selected: $0.id == areaID)
        }
        let rows = lines.map {
            AccessPage.ReportRow(username: $0.username, role: $0.role.title, scope: $0.scope, covers: $0.covers, until: $0.expiresAt.readable,
                                 pending: $0.pendingApproval)
        }
        var chrome = Chrome(context)
        chrome.notice = done.flatMap(AccessPage.message(for:))
        var page = AccessPage(chrome: chrome, areas: options, lines: rows, grants: grants, mayListGrants: GrantPolicy.mayApproveGrants(context.actor),
                              roles: Role.allCases.map(\.rawValue), purposes: Purpose.allCases.map(\.rawValue))
        if AccessPolicy.mayAdministerAccounts(context.actor) {
            let names = Dictionary(uniqueKeysWithValues: areas.map { ($0.id, $0.name) })
            page.volunteerAsks = try await warden.volunteers.canvasserAccountAsks(actor: context.actor).map {
                .init(username: $0.username, area: names[$0.areaID] ?? $0.areaID.description, askedBy: $0.askedBy, askedAt: $0.askedAt.readable)
            }
            page.hasVolunteerAsks = !page.volunteerAsks.isEmpty
        }
        return try pages.render(page, template: "access")
    }
}
