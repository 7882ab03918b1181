import Foundation
import Hummingbird
import WardenServices

/// Resolves the session cookie or bearer token to an actor on every request. Nothing is
/// cached: an ended session, grant or membership is seen at the very next request.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WardenRequestContext
    let authentication: Authentication

    static let cookieName = "warden_session"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = Self.token(in: request) {
            switch try await authentication.resolve(token: token) {
            case .anonymous:
                break
            case .signedIn(let actor, let csrfToken):
                context.actor = actor
                context.session = (token, csrfToken)
            case .accessEnded:
                context.accessEnded = true
            }
        }
        return try await next(request, context)
    }

    /// A bearer token, else (for pages only) the session cookie.
    ///
    /// The JSON API ignores the cookie: a browser attaches cookies to cross-site requests, so a
    /// cookie-authenticated API would let any page the user visits post a `text/plain` grant in
    /// their name. A bearer token is never sent by a browser on its own, so the API needs no
    /// CSRF token; pages, which do use the cookie, check the form's CSRF token instead.
    static func token(in request: Request) -> String? {
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            return String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        }
        guard !isAPI(request.uri.path) else { return nil }
        return request.cookies[cookieName]?.value
    }

    /// Whether `path` is under the JSON API, however its slashes are doubled (the router
    /// ignores empty segments, so `//api/v1/grants` reaches the API too).
    static func isAPI(_ path: String) -> Bool {
        path.split(separator: "/", omittingEmptySubsequences: true).first?.lowercased() == "api"
    }
}
