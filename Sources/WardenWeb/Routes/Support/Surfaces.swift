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
    /// The routes registered through ``onGateChecked(api:method:page:method:use:)``.
    let gateChecked: GateCheckedRoutes

    init(_ router: Router<WardenRequestContext>, gateChecked: GateCheckedRoutes) {
        api = router.group("api/v1")
        signedInAPI = router.group("api/v1", context: SignedInContext.self)
        pages = router.group()
        signedInPages = router.group(context: SignedInContext.self)
        self.gateChecked = gateChecked
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

    /// As ``on(api:method:page:method:use:)``, for a handler whose every path to data is a
    /// Gate operation checking the actor's standing in its own transaction, and that does
    /// nothing before it that a stale actor could get wrong: its requests may run on a
    /// session resolved a few seconds ago (``GateCheckedRoutes``).
    func onGateChecked(
        api apiPath: RouterPath, method apiMethod: HTTPRequest.Method = .get,
        page pagePath: RouterPath, method pageMethod: HTTPRequest.Method = .get,
        use handler: @escaping @Sendable (Request, SignedInContext, Answer) async throws -> Response
    ) {
        on(api: apiPath, method: apiMethod, page: pagePath, method: pageMethod, use: handler)
        gateChecked.add(RouterPath("api/v1").appendingPath(apiPath), apiMethod)
        gateChecked.add(RouterPath("").appendingPath(pagePath), pageMethod)
    }

    /// A page only, Gate-checked as ``onGateChecked(api:method:page:method:use:)`` says.
    func gateCheckedPage(_ path: RouterPath, use handler: @escaping @Sendable (Request, SignedInContext) async throws -> Response) {
        signedInPages.get(path, use: handler)
        gateChecked.add(RouterPath("").appendingPath(path), .get)
    }
}

/// A group of routes about one resource, registered on the surfaces it is served on.
protocol Resource: Sendable {
    func register(on surfaces: Surfaces)
}
