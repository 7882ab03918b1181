public import Hummingbird
public import WardenCore

/// Per-request state: who is asking, decided afresh from the session on every request.
public struct WardenRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in actor, or `nil` for an anonymous request.
    public var actor: Actor?
    /// The session's token and CSRF token, when signed in.
    var session: (token: String, csrfToken: String)?

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// The actor, or an error that becomes 401 (API) or a redirect to sign in (pages).
    func requireActor() throws -> Actor {
        guard let actor else { throw WardenError.unauthenticated }
        return actor
    }
}
