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
        case .page: request.uri.queryParameters.get("area", as: Int64.self).map(AreaID.init(rawValue:))
        }
        let lines = try await warden.accounts.accessReport(areaID: areaID, actor: context.actor)
        switch answer {
        case .json:
            return try ReportResponse(lines: lines).response(from: request, context: context)
        case .page:
            return try await page(lines, area: areaID, context: context)
        }
    }

    func page(_ lines: [AccessReportLine], area areaID: AreaID?, context: SignedInContext) async throws -> Response {
        let areas = try await warden.areas.all()
        let names = Dictionary(uniqueKeysWithValues: areas.map { ($0.id, $0.name) })
        var grants: [AccessPage.GrantRow] = []
        if AccessPolicy.mayAdministerAccounts(context.actor) {
            grants = try await warden.accounts.grants(actor: context.actor).map { listing in
                let grant = listing.grant
                return .init(id: String(grant.id), username: listing.username, role: grant.role.title,
                             scope: grant.scopeAreaID.map { names[$0] ?? "area \($0)" } ?? "whole party",
                             until: grant.expiresAt.readable, grantedBy: grant.grantedBy, pending: grant.isPending)
            }
        }
        let options = areas.sorted { ($0.level, $0.name) < ($1.level, $1.name) }.map {
            AccessPage.AreaOption(id: $0.id.description, name: "\($0.name) (\($0.level.rawValue.replacingOccurrences(of: "_", with: " ")))",
                                  selected: $0.id == areaID)
        }
        let rows = lines.map {
            AccessPage.ReportRow(username: $0.username, role: $0.role.title, scope: $0.scope, covers: $0.covers, until: $0.expiresAt.readable,
                                 pending: $0.pendingApproval)
        }
        return try pages.render(AccessPage(chrome: Chrome(context), areas: options, lines: rows, grants: grants,
                                           roles: Role.allCases.map(\.rawValue), purposes: Purpose.allCases.map(\.rawValue)),
                                template: "access")
    }
}
