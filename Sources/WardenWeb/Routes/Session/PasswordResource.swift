import Hummingbird
import WardenCore
import WardenServices

/// Passwords: changing one's own (the API and the account page, through one handler) and an
/// administrator's reset of someone else's (the API; the CLI has `warden account password`).
struct PasswordResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "me/password", method: .post, page: "account/password", method: .post, use: change)
        surfaces.signedInAPI.post("accounts/:username/password", use: reset)
        surfaces.signedInPages.get("account", use: page)
    }

    struct ChangeBody: Decodable {
        var current: String
        var new: String
    }

    struct ChangeForm: Decodable, CSRFCarrying {
        var csrf: String
        var current: String
        var new: String
        var repeated: String
    }

    struct ResetBody: Decodable {
        var password: String
    }

    struct AccountPage {
        var chrome: Chrome
        var failed: String?
    }

    /// A change as asked: the form also asks for the new password twice.
    struct Change {
        var current: String
        var new: String
        var repeated: String?

        init(_ request: Request, context: SignedInContext, answer: Answer) async throws {
            switch answer {
            case .json:
                let body = try await request.json(ChangeBody.self, context: context, expected: "expected current and new")
                current = body.current
                new = body.new
                repeated = nil
            case .page:
                let form: ChangeForm = try await CSRF.checkedForm(request, context: context)
                current = form.current
                new = form.new
                repeated = form.repeated
            }
        }

        /// Refuses a form whose two new passwords differ.
        func confirm() throws {
            if let repeated, repeated != new { throw WardenError.invalidRequest("the two new passwords differ") }
        }
    }

    /// On the page, a wrong current password or a refused new one shows the form again with
    /// the reason; success ends every session, so the next page is the sign-in form, which
    /// says so.
    @Sendable func change(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let change = try await Change(request, context: context, answer: answer)
        do {
            try change.confirm()
            try await warden.authentication.changePassword(current: change.current, new: change.new, actor: context.actor, client: context.client)
        } catch let error as WardenError where answer == .page {
            return try pages.render(AccountPage(chrome: Chrome(context), failed: error.description), template: "account", status: .badRequest)
        }
        switch answer {
        case .json: return Response(status: .noContent)
        case .page: return .redirect(to: "/signin?changed=password", type: .normal)
        }
    }

    @Sendable func reset(_ request: Request, context: SignedInContext) async throws -> HTTPResponse.Status {
        guard let username = context.parameters.get("username") else { throw WardenError.notFound("no such account") }
        let body = try await request.json(ResetBody.self, context: context, expected: "expected password")
        try await warden.accounts.resetPassword(username: username, to: body.password, actor: context.actor)
        return .noContent
    }

    @Sendable func page(_ request: Request, context: SignedInContext) async throws -> Response {
        try pages.render(AccountPage(chrome: Chrome(context)), template: "account")
    }
}
