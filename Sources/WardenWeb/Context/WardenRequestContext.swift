public import Hummingbird
import NIOCore
public import WardenCore

/// Per-request state: who is asking, decided afresh from the session on every request.
public struct WardenRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in actor, or `nil` for an anonymous request.
    public var actor: Actor?
    /// The session's token and CSRF token, when signed in.
    var session: (token: String, csrfToken: String)?
    /// Set when the request carried a session whose account has lost access.
    var accessEnded = false
    /// The client's address, for throttling sign-ins. Not personal data of a subject.
    let client: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        client = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The actor, or an error that becomes 401 (API) or a redirect to sign in (pages), or
    /// 403 when the account's access has just ended.
    func requireActor() throws -> Actor {
        if accessEnded { throw WardenError.accessEnded }
        guard let actor else { throw WardenError.unauthenticated }
        return actor
    }
}
