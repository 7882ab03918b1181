import NIOCore
import NIOSSL
import NIOTLS

/// Completes a promise when the TLS handshake in front of it finishes and the relay's certificate
/// names the relay, or fails it when the handshake fails, the name is missing or the connection
/// closes first.
///
/// ``SMTPClient`` must not send a byte after `STARTTLS` (or, with implicit TLS, read the
/// greeting) until the handshake has verified the relay's certificate; NIOSSL reports that only
/// as a pipeline event, which this handler turns into something to await.
final class TLSHandshakeWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// Why the handshake did not complete, when it was not an error of NIOSSL's own.
    struct ConnectionClosed: Error {}

    /// The certificate passed NIOSSL's checks but does not carry the relay's host name as a DNS
    /// name (see ``CertificateHostname``).
    struct HostnameNotInCertificate: Error {}

    private let promise: EventLoopPromise<Void>
    private let expectedHostname: String?
    private var completed = false

    /// - Parameters:
    ///   - promise: Completed once, when the handshake has finished or failed.
    ///   - expectedHostname: The relay's host name, which the certificate must name; `nil` for a
    ///     relay configured by IP address, which NIOSSL checks against the certificate's IPs.
    init(promise: EventLoopPromise<Void>, expectedHostname: String?) {
        self.promise = promise
        self.expectedHostname = expectedHostname
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            complete(certificateNamesRelay(context: context) ? nil : HostnameNotInCertificate())
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        complete(error)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        complete(ConnectionClosed())
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        complete(ConnectionClosed())
    }

    private func certificateNamesRelay(context: ChannelHandlerContext) -> Bool {
        guard let expectedHostname else { return true }
        guard let tls = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self),
            let certificate = tls.peerCertificate
        else { return false }
        return CertificateHostname.certificate(certificate, names: expectedHostname)
    }

    private func complete(_ error: (any Error)?) {
        guard !completed else { return }
        completed = true
        if let error { promise.fail(error) } else { promise.succeed() }
    }
}
