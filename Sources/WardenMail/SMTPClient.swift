public import NIOCore
public import NIOPosix

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Submits one message to an SMTP relay over a fresh connection.
///
/// One connection per message keeps the client simple and makes each delivery independent: a
/// relay that hangs up or refuses one member's message has no effect on the next. Outbox
/// volumes (notices to individual members) are far too small for connection reuse to matter.
public enum SMTPClient {
    /// Delivers `message` to `relay` in one SMTP session: greeting, `EHLO` (or `HELO`),
    /// `MAIL FROM`, `RCPT TO`, `DATA`, the dot-stuffed message, `QUIT`.
    ///
    /// Returns once the relay has accepted the message (replied 2xx to the end of the data);
    /// the relay is then responsible for delivering it. A failure while quitting after that does
    /// not turn the delivery into an error, so the outbox never sends the message twice because
    /// of a slow `QUIT`.
    ///
    /// Each step — connecting, and every command with its reply — is limited by
    /// ``SMTPRelay/timeout``. No TLS and no authentication are used; see ``SMTPRelay``.
    ///
    /// - Parameters:
    ///   - message: The message; it is rendered with ``SMTPRelay/sender`` as `From` and the
    ///     current time as `Date`, and sent from its ``MailMessage/envelopeSender`` (the relay's
    ///     sender when it has none).
    ///   - relay: The relay to submit to.
    ///   - group: The event loop group for the connection; the shared singleton by default.
    /// - Throws: ``SMTPError`` describing the failed step and whether retrying makes sense
    ///   (``SMTPError/isPermanent``), or `CancellationError` if the task was cancelled before
    ///   the relay accepted the message.
    public static func send(
        _ message: MailMessage,
        via relay: SMTPRelay,
        on group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws {
        let rendered: String
        do {
            try HeaderValidation.checkToken(relay.heloName, .heloName)
            rendered = try message.rendered(from: relay.sender, date: Date())
        } catch {
            throw SMTPError(stage: .preparing, reason: .invalidMessage(error))
        }
        let session = SMTPSession(
            heloName: relay.heloName,
            sender: message.envelopeSender ?? relay.sender,
            recipient: message.recipient,
            data: SMTPDataEncoding.payload(for: rendered)
        )
        let timeout = TimeAmount(relay.timeout)
        let channel = try await connect(to: relay, group: group, timeout: timeout)
        let outcome = try await run(session, on: channel, timeout: timeout)
        switch outcome {
        case .delivered:
            return
        case .failed(let error):
            try Task.checkCancellation()
            throw error
        }
    }

    private static func connect(
        to relay: SMTPRelay,
        group: any EventLoopGroup,
        timeout: TimeAmount
    ) async throws -> NIOAsyncChannel<String, ByteBuffer> {
        guard let bootstrap = ClientBootstrap(validatingGroup: group) else {
            // Not a POSIX event loop group (e.g. NIOTransportServices): we cannot connect with it.
            throw SMTPError(stage: .connect, reason: .connectionFailed)
        }
        do {
            return try await bootstrap
                .connectTimeout(timeout)
                .connect(host: relay.host, port: relay.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                        return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            try Task.checkCancellation()
            throw SMTPError(stage: .connect, reason: isConnectTimeout(error) ? .timedOut : .connectionFailed)
        }
    }

    private static func isConnectTimeout(_ error: any Error) -> Bool {
        if case .connectTimeout = error as? ChannelError { return true }
        if let error = error as? NIOConnectionError {
            return !error.connectionErrors.isEmpty
                && error.connectionErrors.allSatisfy {
                    if case .connectTimeout = $0.error as? ChannelError { return true }
                    return false
                }
        }
        return false
    }

    /// Drives `session` over `channel`: reads replies, performs the session's actions, and
    /// maps connection trouble and expired deadlines back into the session.
    private static func run(
        _ session: SMTPSession,
        on channel: NIOAsyncChannel<String, ByteBuffer>,
        timeout: TimeAmount
    ) async throws -> SMTPSession.Outcome {
        let deadline = StepDeadline(channel: channel.channel, timeout: timeout)
        defer { deadline.cancel() }
        var session = session
        return try await channel.executeThenClose { inbound, outbound in
            var lines = inbound.makeAsyncIterator()
            var parser = SMTPReplyParser()
            deadline.restart()
            while true {
                let action: SMTPSession.Action
                switch await readReply(from: &lines, parser: &parser) {
                case .reply(let reply):
                    action = session.receive(reply: reply)
                case .malformed where !deadline.hasFired:
                    action = session.receiveMalformedReply()
                case .malformed, .closed:
                    return deadline.hasFired ? session.timedOut() : session.connectionClosed()
                }

                let bytes: String
                switch action {
                case .close(let outcome):
                    return outcome
                case .sendCommand(let command):
                    bytes = command + "\r\n"
                case .sendData(let data):
                    bytes = data
                case .quit:
                    bytes = "QUIT\r\n"
                }
                deadline.restart()
                do {
                    try await outbound.write(ByteBuffer(string: bytes))
                } catch {
                    return deadline.hasFired ? session.timedOut() : session.connectionClosed()
                }
            }
        }
    }

    private enum ReadResult {
        case reply(SMTPReply)
        case malformed
        case closed
    }

    /// Reads lines until they form one complete reply.
    private static func readReply(
        from lines: inout NIOAsyncChannelInboundStream<String>.AsyncIterator,
        parser: inout SMTPReplyParser
    ) async -> ReadResult {
        while true {
            let line: String?
            do {
                line = try await lines.next()
            } catch is SMTPLineDecoder.LineTooLong {
                return .malformed
            } catch {
                return .closed
            }
            guard let line else { return .closed }
            do {
                if let reply = try parser.parse(line: line) { return .reply(reply) }
            } catch {
                return .malformed
            }
        }
    }
}
