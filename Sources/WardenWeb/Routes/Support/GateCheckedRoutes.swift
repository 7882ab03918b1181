import Hummingbird
import Synchronization

/// The routes whose every path to data is a Gate operation that checks the actor's standing
/// in its own transaction: the doorstep's taps and pages, a person's record. Only these may
/// run on a session resolved a few seconds ago (``SessionMiddleware``): if the guess is
/// stale, the Gate stops before it reads or writes anything, and the request is resolved
/// afresh and run again. Every other route reads the session first.
///
/// Filled as the resources register (``Surfaces/onGateChecked(api:method:page:method:use:)``),
/// before the server answers its first request.
final class GateCheckedRoutes: Sendable {
    private let routes = Mutex<Set<String>>([])

    func add(_ path: RouterPath, _ method: HTTPRequest.Method) {
        routes.withLock { _ = $0.insert(Self.key(path.description, method)) }
    }

    /// Whether the route the router matched (its pattern, as ``RequestContext/endpointPath``
    /// gives it) is Gate-checked for `method`.
    func contains(_ endpoint: String?, _ method: HTTPRequest.Method) -> Bool {
        guard let endpoint else { return false }
        return routes.withLock { $0.contains(Self.key(endpoint, method)) }
    }

    static func key(_ path: String, _ method: HTTPRequest.Method) -> String { "\(method.rawValue) \(path)" }
}
