import Hummingbird

/// Where resources register their routes: the JSON API under `/api/v1` and the HTML pages,
/// each open to anyone or only to a signed-in user.
///
/// Every route in a signed-in group gets a ``SignedInContext``, which refuses an anonymous
/// request before the handler runs; no handler checks for a user by hand.
struct Surfaces {
    /// `/api/v1` for anyone: signing in, the OpenAPI document, the log's proofs.
    let api: RouterGroup<WardenRequestContext>
    /// `/api/v1` for a signed-in user.
    let signedInAPI: RouterGroup<SignedInContext>
    /// Pages for anyone: signing in, the stylesheet, a change notice's link.
    let pages: RouterGroup<WardenRequestContext>
    /// Pages for a signed-in user.
    let signedInPages: RouterGroup<SignedInContext>

    init(_ router: Router<WardenRequestContext>) {
        api = router.group("api/v1")
        signedInAPI = router.group("api/v1", context: SignedInContext.self)
        pages = router.group()
        signedInPages = router.group(context: SignedInContext.self)
    }

    /// Serves one handler at two addresses: `apiPath` under `/api/v1`, answering JSON, and
    /// `pagePath`, answering a page. The methods differ where a browser's form can only POST.
    func on(
        api apiPath: RouterPath, method apiMethod: HTTPRequest.Method = .get,
        page pagePath: RouterPath, method pageMethod: HTTPRequest.Method = .get,
        use handler: @escaping @Sendable (Request, SignedInContext, Answer) async throws -> Response
    ) {
        signedInAPI.on(apiPath, method: apiMethod) { request, context in try await handler(request, context, .json) }
        signedInPages.on(pagePath, method: pageMethod) { request, context in try await handler(request, context, .page) }
    }
}

/// A group of routes about one resource, registered on the surfaces it is served on.
protocol Resource: Sendable {
    func register(on surfaces: Surfaces)
}
