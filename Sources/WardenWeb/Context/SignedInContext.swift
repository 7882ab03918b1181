import Hummingbird
import WardenCore

/// The context of a route that needs a signed-in user: built from ``WardenRequestContext``
/// when the route is matched, and refused before the handler runs when nobody is signed in.
///
/// Routes registered in a group of this context cannot forget the check, and their handlers
/// get a non-optional ``actor`` and session rather than unwrapping them each time. The
/// refusal is thrown to the middleware above, where ``Problem`` turns it into a 401 problem
/// (API) or a redirect to sign in (pages), or a 403 when the account's access has just ended.
struct SignedInContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The signed-in actor.
    let actor: Actor
    /// The session's token and the CSRF token its forms must echo.
    let session: (token: String, csrfToken: String)
    /// The client's address, for throttling password attempts.
    let client: String
    /// The parent's limit, so a body is refused at the same size on every route.
    let maxUploadSize: Int

    init(context: WardenRequestContext) throws {
        if context.accessEnded { throw WardenError.accessEnded }
        guard let actor = context.actor, let session = context.session else { throw WardenError.unauthenticated }
        coreContext = context.coreContext
        self.actor = actor
        self.session = session
        client = context.client
        maxUploadSize = context.maxUploadSize
    }
}
