import Foundation
import Hummingbird
import Logging
import WardenCore
import WardenServices

/// Turns errors into answers: RFC 9457 problem JSON under `/api`, a page or a redirect to
/// sign in elsewhere. Each module's errors are mapped here, at the boundary: the services'
/// ``WardenError``, the store's ``StoreError``, a stale standing and HTTP errors. Anything
/// else becomes an empty 500, so no internal detail (or personal data in it) ever reaches a
/// client.
///
/// It sits above every route, so it also answers ``SignedInContext``'s refusals, thrown
/// before a signed-in route's handler runs.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = WardenRequestContext
    let pages: Pages
    /// Resolves the session again for an error page: this middleware sits above the one that
    /// resolved it, and an error page keeps the user's navigation like every other page.
    let authentication: Authentication

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Problem(error)
            if problem.status == 500 {
                context.logger.error("request failed", metadata: ["error.type": "\(type(of: error))", "path": "\(request.uri.path)"])
            }
            if request.uri.path.hasPrefix("/api/") {
                return problem.response()
            }
            if problem.status == 401 {
                return Response.redirect(to: "/signin", type: .normal)
            }
            return try pages.render(ErrorPage(problem: problem, chrome: await chrome(request, context: context), back: Self.back(request)),
                                    template: "error", status: problem.httpStatus)
        }
    }
}

extension ProblemMiddleware {
    /// The layout for the error page: the signed-in user's, when the session still resolves.
    func chrome(_ request: Request, context: Context) async -> Chrome {
        guard let token = SessionMiddleware.token(in: request) else { return Chrome(context) }
        var resolution = authentication.resolveFromCache(token: token)
        if resolution == nil { resolution = try? await authentication.resolve(token: token) }
        guard case .signedIn(let actor, let csrf) = resolution else { return Chrome(context) }
        return Chrome(actor: actor, csrf: csrf, path: context.endpointPath)
    }

    /// The page the user came from, when it is one of Warden's own (a path, never another
    /// site): the error page offers to go back to it, where the form they used still is.
    static func back(_ request: Request) -> String? {
        guard let referer = request.headers[.referer], let url = URL(string: referer),
              let host = request.head.authority, url.host.map({ "\($0)\(url.port.map { ":\($0)" } ?? "")" }) == host
        else { return nil }
        let path = url.path
        guard path.hasPrefix("/"), !path.hasPrefix("//") else { return nil }
        return path + (url.query.map { "?" + $0 } ?? "")
    }
}

/// An RFC 9457 problem: a status, a title and a detail a user can act on.
struct Problem: Codable, Sendable {
    var type: String
    var title: String
    var status: Int
    var detail: String

    init(status: HTTPResponse.Status, detail: String) {
        type = "about:blank"
        title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
    }

    init(_ error: any Error) {
        switch error {
        case let error as WardenError:
            switch error {
            case .unauthenticated: self.init(status: .unauthorized, detail: error.description)
            case .signInFailed: self.init(status: .unauthorized, detail: error.description)
            case .forbidden: self.init(status: .forbidden, detail: error.description)
            case .notFound: self.init(status: .notFound, detail: error.description)
            case .invalidRequest, .importRejected: self.init(status: .badRequest, detail: error.description)
            case .conflict: self.init(status: .conflict, detail: error.description)
            case .budgetExhausted, .tooManyAttempts: self.init(status: .tooManyRequests, detail: error.description)
            case .accessEnded: self.init(status: .forbidden, detail: error.description)
            }
        case let error as StoreError:
            switch error {
            case .notFound: self.init(status: .notFound, detail: error.description)
            case .conflict: self.init(status: .conflict, detail: error.description)
            case .invalid: self.init(status: .badRequest, detail: error.description)
            case .unavailable: self.init(status: .serviceUnavailable, detail: "The database is unavailable; try again shortly.")
            }
        case is StandingChanged:
            self.init(status: .conflict, detail: "your access changed while this request ran; try again")
        case let error as any HTTPResponseError where error.status.code < 500:
            self.init(status: error.status, detail: error.status.reasonPhrase)
        default:
            self.init(status: .internalServerError, detail: "Something went wrong; it has been logged.")
        }
    }

    var httpStatus: HTTPResponse.Status { HTTPResponse.Status(code: status) }

    func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = (try? encoder.encode(self)) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        if status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: httpStatus, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
