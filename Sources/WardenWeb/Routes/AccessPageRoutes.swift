import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// Pages for the DPO (alerts, who can see an area) and administrators (grants). Every
/// form carries the session's CSRF token.
struct AccessPageRoutes {
    let warden: Warden
    let pages: Pages

    func register(on router: Router<WardenRequestContext>) {
        router.get("alerts", use: alerts)
        router.post("alerts/:id/acknowledge", use: acknowledge)
        router.get("access", use: access)
        router.post("grants", use: createGrant)
        router.post("grants/:id/approve", use: approve)
        router.post("grants/:id/revoke", use: revoke)
    }

    struct AlertsPage {
        var chrome: Chrome
        var alerts: [AlertRow]
        var none: Bool
    }

    struct AlertRow {
        var id: String
        var at: String
        var kind: String
        var actor: String
        var detail: String
    }

    struct AccessPage {
        var chrome: Chrome
        var areas: [AreaOption]
        var lines: [ReportRow]
        var grants: [GrantRow]
        var roles: [String]
        var purposes: [String]
    }

    struct AreaOption {
        var id: String
        var name: String
        var selected: Bool
    }

    struct ReportRow {
        var username: String
        var role: String
        var scope: String
        var covers: String
        var until: String
        var pending: Bool
    }

    struct GrantRow {
        var id: String
        var username: String
        var role: String
        var scope: String
        var until: String
        var grantedBy: String
        var pending: Bool
    }

    struct GrantForm: Decodable {
        var csrf: String
        var username: String
        var role: String
        var area: String?
        var reason: String
        var days: Int?
    }

    @Sendable func alerts(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let rows = try await warden.alerts.list(actor: actor).map {
            AlertRow(id: String($0.id), at: $0.at.description, kind: $0.kind.rawValue.replacingOccurrences(of: "_", with: " "),
                     actor: $0.actor, detail: $0.detail)
        }
        return try pages.render(AlertsPage(chrome: Chrome(context), alerts: rows, none: rows.isEmpty), template: "alerts")
    }

    @Sendable func acknowledge(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try await CSRF.check(request, context: context)
        try await warden.alerts.acknowledge(try id(context), actor: actor)
        return .redirect(to: "/alerts", type: .normal)
    }

    @Sendable func access(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let areaID = request.uri.queryParameters.get("area", as: Int64.self).map(AreaID.init(rawValue:))
        let areas = try await warden.areas.all()
        let names = Dictionary(uniqueKeysWithValues: areas.map { ($0.id, $0.name) })
        let lines = try await warden.accounts.accessReport(areaID: areaID, actor: actor).map {
            ReportRow(username: $0.username, role: $0.role.title, scope: $0.scope, covers: $0.covers, until: $0.expiresAt.description,
                      pending: $0.pendingApproval)
        }
        var grants: [GrantRow] = []
        if AccessPolicy.mayAdministerAccounts(actor) {
            grants = try await warden.accounts.grants(actor: actor).map { listing in
                let grant = listing.grant
                return GrantRow(id: String(grant.id), username: listing.username, role: grant.role.title,
                                scope: grant.scopeAreaID.map { names[$0] ?? "area \($0)" } ?? "whole party",
                                until: grant.expiresAt.description, grantedBy: grant.grantedBy, pending: grant.isPending)
            }
        }
        let options = areas.sorted { ($0.level, $0.name) < ($1.level, $1.name) }.map {
            AreaOption(id: $0.id.description, name: "\($0.name) (\($0.level.rawValue.replacingOccurrences(of: "_", with: " ")))", selected: $0.id == areaID)
        }
        return try pages.render(AccessPage(chrome: Chrome(context), areas: options, lines: lines, grants: grants,
                                           roles: Role.allCases.map(\.rawValue), purposes: Purpose.allCases.map(\.rawValue)),
                                template: "access")
    }

    @Sendable func createGrant(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let form: GrantForm = try await CSRF.checkedForm(request, context: context)
        guard let role = Role(rawValue: form.role) else { throw WardenError.invalidRequest("role: not a role") }
        let area = form.area.flatMap(Int64.init).map(AreaID.init(rawValue:))
        _ = try await warden.accounts.grant(
            GrantRequest(role: role, scopeAreaID: area, purpose: .usual(for: role), reason: form.reason, days: form.days ?? Role.defaultGrantDays),
            to: form.username, actor: actor)
        return .redirect(to: "/access", type: .normal)
    }

    @Sendable func approve(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try await CSRF.check(request, context: context)
        try await warden.accounts.approve(grant: try id(context), actor: actor)
        return .redirect(to: "/access", type: .normal)
    }

    @Sendable func revoke(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try await CSRF.check(request, context: context)
        try await warden.accounts.revoke(grant: try id(context), actor: actor)
        return .redirect(to: "/access", type: .normal)
    }

    func id(_ context: WardenRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WardenError.notFound("no such item") }
        return id
    }
}
