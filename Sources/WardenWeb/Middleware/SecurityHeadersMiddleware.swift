import HTTPTypes
import Hummingbird

/// Headers every response carries: no framing, no sniffing, no referrer, a strict content
/// security policy, and no caching of anything that may hold personal data.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.constant("X-Frame-Options")] = "DENY"
        response.headers[.constant("Referrer-Policy")] = "no-referrer"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

extension HTTPField.Name {
    /// A header name written in the source, so known to be valid; the fallback is unreachable.
    static func constant(_ name: StaticString) -> HTTPField.Name {
        HTTPField.Name("\(name)") ?? .server
    }
}
