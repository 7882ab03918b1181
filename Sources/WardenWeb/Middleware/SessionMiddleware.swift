import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// Resolves the session cookie or bearer token to an actor on every request.
///
/// A route in ``GateCheckedRoutes`` runs on a resolution a few seconds old when one is
/// cached: its Gate operation checks the actor's standing in its own transaction, so the
/// request costs that one transaction. When the standing has changed, the Gate has read and
/// written nothing and throws ``StandingChanged``; the session is then resolved afresh and
/// the request run once more. Every other route reads the session first, so an ended
/// session, grant or membership is seen at the very next request either way.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WardenRequestContext
    let authentication: Authentication
    let gateChecked: GateCheckedRoutes

    static let cookieName = "warden_session"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = Self.token(in: request) else { return try await next(request, context) }
        if gateChecked.contains(context.endpointPath, request.method),
           let cached = authentication.resolveFromCache(token: token) {
            // Kept whole, so the request can run a second time.
            var replayable = request
            replayable.body = RequestBody(buffer: try await request.body.collect(upTo: context.maxUploadSize))
            do {
                return try await next(replayable, Self.context(context, token: token, cached))
            } catch is StandingChanged {
                return try await next(replayable, Self.context(context, token: token, try await authentication.resolve(token: token)))
            }
        }
        return try await next(request, Self.context(context, token: token, try await authentication.resolve(token: token)))
    }

    /// `context` with what `token` resolved to.
    static func context(_ context: Context, token: String, _ resolution: Authentication.Resolution) -> Context {
        var context = context
        switch resolution {
        case .anonymous:
            break
        case .signedIn(let actor, let csrfToken):
            context.actor = actor
            context.session = (token, csrfToken)
        case .accessEnded:
            context.accessEnded = true
        }
        return context
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
