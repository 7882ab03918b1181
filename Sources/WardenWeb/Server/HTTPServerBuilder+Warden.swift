import Hummingbird
import HummingbirdCore
import NIOCore

extension HTTPServerBuilder {
    /// HTTP/1.1 with Warden's limits on slow and idle clients (see ``WebConfiguration``).
    ///
    /// The idle timeout also bounds a request head sent slowly: the HTTP decoder hands on a
    /// head only once it is complete, so until then the connection counts as idle.
    static func warden(_ configuration: WebConfiguration) -> HTTPServerBuilder {
        let requestTimeout = configuration.requestTimeout
        return .http1(configuration: .init(
            additionalChannelHandlers: [RequestDeadlineHandler(timeout: requestTimeout)],
            idleTimeout: TimeAmount(configuration.idleTimeout)))
    }
}
