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

    /// A bearer token, else the session cookie.
    static func token(in request: Request) -> String? {
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            return String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        }
        return request.cookies[cookieName]?.value
    }
}
