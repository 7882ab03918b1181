import Hummingbird
import WardenCore
import WardenServices

/// The public page behind a change notice's "this wasn't me" link, and the member's
/// dispute from it. Anyone may open it: the token in the link is the member's only
/// credential.
struct NoticesResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.pages.get("notices/:token", use: notice)
        surfaces.pages.post("notices/:token", use: dispute)
    }

    struct NoticePage {
        var chrome: Chrome
        var token: String
        var done: Bool
    }

    @Sendable func notice(_ request: Request, context: WardenRequestContext) async throws -> Response {
        try pages.render(NoticePage(chrome: Chrome(context), token: try token(context), done: false), template: "notice")
    }

    /// There is no session to forge a request against, so no CSRF token is needed.
    @Sendable func dispute(_ request: Request, context: WardenRequestContext) async throws -> Response {
        try await warden.notices.dispute(token: try token(context))
        return try pages.render(NoticePage(chrome: Chrome(context), token: "", done: true), template: "notice")
    }

    func token(_ context: WardenRequestContext) throws -> String {
        guard let token = context.parameters.get("token"), token.count <= 64 else { throw WardenError.notFound("this link is not valid") }
        return token
    }
}
