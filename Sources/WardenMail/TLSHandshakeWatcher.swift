import NIOCore
import NIOTLS

/// Completes a promise when the TLS handshake in front of it finishes, or fails it when the
/// handshake fails or the connection closes first.
///
/// ``SMTPClient`` must not send a byte after `STARTTLS` (or, with implicit TLS, read the
/// greeting) until the handshake has verified the relay's certificate; NIOSSL reports that only
/// as a pipeline event, which this handler turns into something to await.
final class TLSHandshakeWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// Why the handshake did not complete, when it was not an error of NIOSSL's own.
    struct ConnectionClosed: Error {}

    private let promise: EventLoopPromise<Void>
    private var completed = false

    init(promise: EventLoopPromise<Void>) {
        self.promise = promise
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event { complete(nil) }
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

    private func complete(_ error: (any Error)?) {
        guard !completed else { return }
        completed = true
        if let error { promise.fail(error) } else { promise.succeed() }
    }
}
