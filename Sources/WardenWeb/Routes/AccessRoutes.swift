import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The API for administrators (accounts, grants) and the DPO (alerts, access reports).
/// Each route's service checks the caller's role and records refusals.
struct AccessRoutes {
    let warden: Warden

    func register(on router: Router<WardenRequestContext>) {
        let api = router.group("api/v1")
        api.get("accounts", use: accounts)
        api.get("grants", use: grants)
        api.post("grants", use: createGrant)
        api.post("grants/:id/approve", use: approveGrant)
        api.delete("grants/:id", use: revokeGrant)
        api.get("alerts", use: alerts)
        api.post("alerts/:id/acknowledge", use: acknowledgeAlert)
        api.get("access/report", use: report)
    }

    struct AccountsResponse: ResponseEncodable { var accounts: [AccountSummary] }
    struct GrantsResponse: ResponseEncodable { var grants: [GrantListing] }
    struct AlertsResponse: ResponseEncodable { var alerts: [Alert] }
    struct ReportResponse: ResponseEncodable { var lines: [AccessReportLine] }
    struct GrantResponse: ResponseEncodable { var grant: Grant }

    struct GrantBody: Decodable {
        var username: String
        var role: Role
        var areaID: Int64?
        var purpose: Purpose?
        var reason: String
        var days: Int?
    }

    @Sendable func accounts(_ request: Request, context: WardenRequestContext) async throws -> AccountsResponse {
        AccountsResponse(accounts: try await warden.accounts.list(actor: try context.requireActor()))
    }

    @Sendable func grants(_ request: Request, context: WardenRequestContext) async throws -> GrantsResponse {
        GrantsResponse(grants: try await warden.accounts.grants(actor: try context.requireActor()))
    }

    @Sendable func createGrant(_ request: Request, context: WardenRequestContext) async throws -> GrantResponse {
        let actor = try context.requireActor()
        let body: GrantBody
        do {
            body = try await request.decode(as: GrantBody.self, context: context)
        } catch {
            throw WardenError.invalidRequest("expected username, role, reason and optionally areaID, purpose, days")
        }
        let grant = try await warden.accounts.grant(
            GrantRequest(role: body.role, scopeAreaID: body.areaID.map(AreaID.init(rawValue:)), purpose: body.purpose ?? .usual(for: body.role),
                         reason: body.reason, days: body.days ?? Role.defaultGrantDays),
            to: body.username, actor: actor)
        return GrantResponse(grant: grant)
    }

    @Sendable func approveGrant(_ request: Request, context: WardenRequestContext) async throws -> HTTPResponse.Status {
        let actor = try context.requireActor()
        try await warden.accounts.approve(grant: try id(context), actor: actor)
        return .noContent
    }

    @Sendable func revokeGrant(_ request: Request, context: WardenRequestContext) async throws -> HTTPResponse.Status {
        let actor = try context.requireActor()
        try await warden.accounts.revoke(grant: try id(context), actor: actor)
        return .noContent
    }

    @Sendable func alerts(_ request: Request, context: WardenRequestContext) async throws -> AlertsResponse {
        let actor = try context.requireActor()
        return AlertsResponse(alerts: try await warden.alerts.list(actor: actor, all: try request.flag("all")))
    }

    @Sendable func acknowledgeAlert(_ request: Request, context: WardenRequestContext) async throws -> HTTPResponse.Status {
        try await warden.alerts.acknowledge(try id(context), actor: try context.requireActor())
        return .noContent
    }

    @Sendable func report(_ request: Request, context: WardenRequestContext) async throws -> ReportResponse {
        let actor = try context.requireActor()
        let area = try request.identifier("area").map(AreaID.init(rawValue:))
        return ReportResponse(lines: try await warden.accounts.accessReport(areaID: area, actor: actor))
    }

    func id(_ context: WardenRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WardenError.notFound("no such item") }
        return id
    }
}
