import Hummingbird
import WardenCore
import WardenServices

/// Grants of a role over an area: listing them, and granting, approving and revoking one,
/// each change through one handler for the API and the access page's forms. The service
/// checks the caller's role and records refusals.
struct GrantsResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.signedInAPI.get("grants", use: list)
        surfaces.signedInPages.get("grants/:id/revoke", use: confirmRevoke)
        surfaces.on(api: "grants", method: .post, page: "grants", method: .post, use: grant)
        surfaces.on(api: "grants/:id/approve", method: .post, page: "grants/:id/approve", method: .post, use: approve)
        surfaces.on(api: "grants/:id", method: .delete, page: "grants/:id/revoke", method: .post, use: revoke)
    }

    struct GrantsResponse: ResponseEncodable { var grants: [GrantListing] }
    struct GrantResponse: ResponseEncodable { var grant: Grant }

    struct GrantBody: Decodable {
        var username: String
        var role: Role
        var areaID: Int64?
        var purpose: Purpose?
        var reason: String
        var days: Int?
    }

    struct GrantForm: Decodable, CSRFCarrying {
        var csrf: String
        var username: String
        var role: String
        var area: String?
        var reason: String
        var days: Int?
    }

    @Sendable func list(_ request: Request, context: SignedInContext) async throws -> GrantsResponse {
        GrantsResponse(grants: try await warden.accounts.grants(actor: context.actor))
    }

    /// The API answers with the new grant; the form goes back to the access page.
    @Sendable func grant(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let (asked, username) = try await Self.asked(request, context: context, answer: answer)
        let grant = try await warden.accounts.grant(asked, to: username, actor: context.actor)
        switch answer {
        case .json: return try GrantResponse(grant: grant).response(from: request, context: context)
        case .page: return .redirect(to: "/access?done=granted", type: .normal)
        }
    }

    /// The grant asked for and to whom, from the JSON body or the CSRF-checked form. The
    /// form offers no purpose: a grant made there is for its role's usual one.
    static func asked(_ request: Request, context: SignedInContext, answer: Answer) async throws -> (GrantRequest, String) {
        switch answer {
        case .json:
            let body = try await request.json(
                GrantBody.self, context: context, expected: "expected username, role, reason and optionally areaID, purpose, days")
            return (GrantRequest(role: body.role, scopeAreaID: body.areaID.map(AreaID.init(rawValue:)), purpose: body.purpose ?? .usual(for: body.role),
                                 reason: body.reason, days: body.days ?? Role.defaultGrantDays), body.username)
        case .page:
            let form: GrantForm = try await CSRF.checkedForm(request, context: context)
            guard let role = Role(rawValue: form.role) else { throw WardenError.invalidRequest("role: not a role") }
            let area = form.area.flatMap(Int64.init).map(AreaID.init(rawValue:))
            return (GrantRequest(role: role, scopeAreaID: area, purpose: .usual(for: role), reason: form.reason,
                                 days: form.days ?? Role.defaultGrantDays), form.username)
        }
    }

    @Sendable func approve(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        try await answer.checkForgery(request, context: context)
        try await warden.accounts.approve(grant: try context.pathID(missing: "no such item"), actor: context.actor)
        return Self.done(answer, "approved")
    }

    @Sendable func revoke(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        try await answer.checkForgery(request, context: context)
        try await warden.accounts.revoke(grant: try context.pathID(missing: "no such item"), actor: context.actor)
        return Self.done(answer, "revoked")
    }

    /// The page that asks before a grant is revoked: the access page's Revoke leads here.
    @Sendable func confirmRevoke(_ request: Request, context: SignedInContext) async throws -> Response {
        let id: Int64 = try context.pathID(missing: "no such grant")
        let listings = try await warden.accounts.grants(actor: context.actor)
        guard let listing = listings.first(where: { $0.grant.id == id }) else { throw WardenError.notFound("no such grant in force") }
        let areas = try await warden.areas.byID()
        let walkLists = try await warden.accounts.walkLists(of: [listing.grant])
        return try pages.render(AccessPage.RevokeConfirmation(
            chrome: Chrome(context), id: String(id), username: listing.username, role: listing.grant.role.title,
            scope: AccessReport.scope(of: listing.grant, areas: areas, walkLists: walkLists)), template: "revoke")
    }

    /// 204 for the API; back to the access page, which says what was `done`, for a form.
    static func done(_ answer: Answer, _ done: String) -> Response {
        switch answer {
        case .json: Response(status: .noContent)
        case .page: .redirect(to: "/access?done=\(done)", type: .normal)
        }
    }
}
