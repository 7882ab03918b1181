public import Hummingbird
import NIOCore
public import WardenCore

/// Per-request state: who is asking, from the session (read afresh, or seconds old on a
/// Gate-checked route: see ``SessionMiddleware``).
public struct WardenRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in actor, or `nil` for an anonymous request. Routes that need one are
    /// registered with `SignedInContext`, which refuses the request without it.
    public var actor: Actor?
    /// The session's token and CSRF token, when signed in.
    var session: (token: String, csrfToken: String)?
    /// Set when the request carried a session whose account has lost access.
    var accessEnded = false
    /// The client's address, for throttling sign-ins. Not personal data of a subject.
    let client: String

    /// The largest body a request may carry: 64 KiB, far above any Warden request (a doorstep
    /// result with its 1,000-character notes is under 2 KiB), except on the routes that take a
    /// file (``uploadRoutes``), which take 8 MiB: a payments report or membership export for tens of thousands of members. Hummingbird's
    /// default of 2 MiB let every connection buffer 2 MiB a request, memory the allocator kept
    /// after a burst of large bodies; a larger body is refused with 413.
    public var maxUploadSize: Int {
        Self.uploadRoutes.contains(endpointPath ?? "") ? 8 * 1024 * 1024 : 64 * 1024
    }

    /// The routes whose body is a file.
    static let uploadRoutes: Set<String> = ["/membership/payments", "/api/v1/payments", "/membership/members", "/api/v1/imports/members"]

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        client = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}
