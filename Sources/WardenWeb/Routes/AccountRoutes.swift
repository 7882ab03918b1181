import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// Passwords: changing one's own (a page and the API) and an administrator's reset of
/// someone else's (the API; the CLI has `warden account password`).
struct AccountRoutes {
    let warden: Warden
    let pages: Pages

    func register(on router: Router<WardenRequestContext>) {
        router.post("api/v1/me/password", use: changeByAPI)
        router.post("api/v1/accounts/:username/password", use: reset)
        router.get("account", use: page)
        router.post("account/password", use: changeByForm)
    }

    struct ChangeBody: Decodable {
        var current: String
        var new: String
    }

    struct ResetBody: Decodable {
        var password: String
    }

    struct ChangeForm: Decodable, CSRFCarrying {
        var csrf: String
        var current: String
        var new: String
        var repeated: String
    }

    struct AccountPage {
        var chrome: Chrome
        var failed: String?
    }

    @Sendable func changeByAPI(_ request: Request, context: WardenRequestContext) async throws -> HTTPResponse.Status {
        let actor = try context.requireActor()
        let body: ChangeBody
        do {
            body = try await request.decode(as: ChangeBody.self, context: context)
        } catch {
            throw WardenError.invalidRequest("expected current and new")
        }
        try await warden.authentication.changePassword(current: body.current, new: body.new, actor: actor, client: context.client)
        return .noContent
    }

    @Sendable func reset(_ request: Request, context: WardenRequestContext) async throws -> HTTPResponse.Status {
        let actor = try context.requireActor()
        guard let username = context.parameters.get("username") else { throw WardenError.notFound("no such account") }
        let body: ResetBody
        do {
            body = try await request.decode(as: ResetBody.self, context: context)
        } catch {
            throw WardenError.invalidRequest("expected password")
        }
        try await warden.accounts.resetPassword(username: username, to: body.password, actor: actor)
        return .noContent
    }

    @Sendable func page(_ request: Request, context: WardenRequestContext) async throws -> Response {
        _ = try context.requireActor()
        return try pages.render(AccountPage(chrome: Chrome(context)), template: "account")
    }

    /// A wrong current password or a refused new one shows the form again with the reason;
    /// success ends every session, so the next page is the sign-in form, which says so.
    @Sendable func changeByForm(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let form: ChangeForm = try await CSRF.checkedForm(request, context: context)
        do {
            guard form.new == form.repeated else { throw WardenError.invalidRequest("the two new passwords differ") }
            try await warden.authentication.changePassword(current: form.current, new: form.new, actor: actor, client: context.client)
        } catch let error as WardenError {
            return try pages.render(AccountPage(chrome: Chrome(context), failed: error.description), template: "account", status: .badRequest)
        }
        return .redirect(to: "/signin?changed=password", type: .normal)
    }
}
