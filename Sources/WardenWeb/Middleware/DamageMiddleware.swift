import Foundation
import Hummingbird
import WardenServices

/// Once the database file is found damaged (``DatabaseHealth``), every request is answered
/// 503 with what to do, and nothing from the database is served: pages SQLite still holds in
/// memory would otherwise go on being served from a file that is gone.
struct DamageMiddleware: RouterMiddleware {
    typealias Context = WardenRequestContext
    let health: DatabaseHealth

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // `/metrics` still answers, so monitoring reads `warden_database_intact 0`.
        guard let damage = health.damaged, request.uri.path != "/metrics" else { return try await next(request, context) }
        var headers = HTTPFields()
        headers[.retryAfter] = "3600"
        if request.uri.path == "/healthz" {
            headers[.contentType] = "application/json"
            let body = try JSONEncoder().encode(["status": "damaged", "detail": damage])
            return Response(status: .serviceUnavailable, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        headers[.contentType] = "text/plain; charset=utf-8"
        let text = "Warden has stopped serving: \(damage). Restore the latest backup (warden restore BACKUP --to NEW) and serve that.\n"
        return Response(status: .serviceUnavailable, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
