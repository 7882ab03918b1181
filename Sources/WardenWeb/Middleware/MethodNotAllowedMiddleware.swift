import Hummingbird
import Synchronization

/// Answers 405 with an `Allow` header, rather than 404, when the path is a route's but the
/// method is not one it serves: a client (or a fuzzer checking the OpenAPI document) learns
/// that the resource exists and which methods it takes.
///
/// The router knows its routes only once they are registered, after the middleware is
/// added, so ``RouteTable`` is filled at the end of ``buildRouter(warden:configuration:metrics:)``.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = WardenRequestContext
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && context.endpointPath == "NotFound" {
            let allowed = routes.methods(for: request.uri.path)
            guard !allowed.isEmpty else { throw error }
            let allow = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            guard SessionMiddleware.isAPI(request.uri.path) else { throw HTTPError(.methodNotAllowed, headers: [.allow: allow]) }
            var response = Problem(status: .methodNotAllowed, detail: "\(request.method) is not served here; use \(allow)").response()
            response.headers[.allow] = allow
            return response
        }
    }
}

/// The router's routes as path patterns, for telling "no such path" from "no such method".
final class RouteTable: Sendable {
    private let patterns = Mutex<[(segments: [Substring], method: HTTPRequest.Method)]>([])

    /// Records the router's routes; call once every route is registered.
    func record(_ routes: [Router<WardenRequestContext>.RouteDescription]) {
        let table = routes.map { (segments: Self.segments($0.path.description), method: $0.method) }
        patterns.withLock { $0 = table }
    }

    /// The methods served at `path` by some route whose pattern it matches.
    func methods(for path: String) -> Set<HTTPRequest.Method> {
        let segments = Self.segments(path)
        return patterns.withLock { table in
            Set(table.filter { Self.matches(segments, $0.segments) }.map(\.method))
        }
    }

    static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    static func matches(_ path: [Substring], _ pattern: [Substring]) -> Bool {
        path.count == pattern.count && zip(path, pattern).allSatisfy { segment, part in
            (part.hasPrefix("{") && part.hasSuffix("}")) || part == segment
        }
    }
}
