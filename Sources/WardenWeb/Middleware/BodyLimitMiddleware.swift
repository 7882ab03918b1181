import Hummingbird

/// Refuses with 413 a POST, PUT or PATCH whose declared `Content-Length` is over the
/// context's `maxUploadSize`, before a byte of the body is read. (Other methods carry no
/// body Warden reads; Hummingbird discards theirs.)
///
/// Handlers already stop collecting at the limit, but most turn any decoding failure into a
/// 400 saying what they expected; answering here tells the client the real reason, and
/// spends nothing on a body that will not be used.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = WardenRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.methods.contains(request.method),
           let declared = request.headers[.contentLength].flatMap(Int.init), declared > context.maxUploadSize {
            throw HTTPError(.contentTooLarge)
        }
        return try await next(request, context)
    }

    static let methods: Set<HTTPRequest.Method> = [.post, .put, .patch]
}
