public import NIOCore
public import NIOPosix
import NIOSSL

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Submits messages to an SMTP relay: one message over a fresh connection, or a batch over one.
///
/// A single message per connection keeps notices independent: a relay that hangs up or refuses
/// one member's message has no effect on the next. Bulk campaign sends use
/// ``send(_:via:rateLimiter:on:)`` with many messages, which reuses one session (and one TLS
/// handshake and `AUTH`) for all of them while still keeping each message's result apart.
public enum SMTPClient {
    /// Delivers `message` to `relay` in one SMTP session: greeting, `EHLO` (or `HELO`),
    /// `STARTTLS` and `AUTH` when configured, `MAIL FROM`, `RCPT TO`, `DATA`, the dot-stuffed
    /// message, `QUIT`.
    ///
    /// Returns once the relay has accepted the message (replied 2xx to the end of the data);
    /// the relay is then responsible for delivering it. A failure while quitting after that does
    /// not turn the delivery into an error, so the outbox never sends the message twice because
    /// of a slow `QUIT`.
    ///
    /// Each step — connecting, the TLS handshake, and every command with its reply — is limited
    /// by ``SMTPRelay/timeout``.
    ///
    /// - Parameters:
    ///   - message: The message; it is rendered with ``SMTPRelay/sender`` as `From` and the
    ///     current time as `Date`, signed by each of ``SMTPRelay/dkimSigners``, and sent from its
    ///     ``MailMessage/envelopeSender`` (the relay's sender when it has none).
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
        let result = try await send([message], via: relay, on: group)[0]
        if case .failure(let error) = result {
            try Task.checkCancellation()
            throw error
        }
    }

    /// Delivers `messages` to `relay` over one connection and returns one result per message,
    /// in order.
    ///
    /// Each message is its own transaction: a refused sender, recipient or content fails that
    /// message only (`RSET` follows) and the session goes on with the next. Messages that cannot
    /// be rendered or signed fail without being sent. Trouble with the session itself (no
    /// connection, a refused greeting, TLS or `AUTH`, the relay closing) fails every message it
    /// had not yet accepted; a message the relay accepted stays delivered whatever follows.
    ///
    /// With a rate limiter (or ``SMTPRelay/messagesPerSecond``, which then limits this call
    /// alone), each transaction waits for its slot before `MAIL FROM`.
    ///
    /// - Parameters:
    ///   - messages: The messages, rendered and signed as in ``send(_:via:on:)``.
    ///   - relay: The relay to submit to.
    ///   - rateLimiter: A limiter shared with other tasks sending through `relay`; when `nil`,
    ///     one made from ``SMTPRelay/messagesPerSecond`` is used for this call.
    ///   - group: The event loop group for the connection; the shared singleton by default.
    /// - Returns: For each message, success once the relay accepted it, or the ``SMTPError``.
    /// - Throws: `CancellationError` only, when the task is cancelled before the session
    ///   started; once it has, results are returned so that accepted messages are never lost.
    public static func send(
        _ messages: [MailMessage],
        via relay: SMTPRelay,
        rateLimiter: SMTPRateLimiter? = nil,
        on group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> [Result<Void, SMTPError>] {
        try Task.checkCancellation()
        var results = [Result<Void, SMTPError>?](repeating: nil, count: messages.count)
        var envelopes: [SMTPSession.Envelope] = []
        var positions: [Int] = []
        for (position, prepared) in await prepare(messages, for: relay, date: Date()).enumerated() {
            switch prepared {
            case .success(let envelope):
                envelopes.append(envelope)
                positions.append(position)
            case .failure(let error):
                results[position] = .failure(error)
            }
        }
        if !envelopes.isEmpty {
            let outcomes = try await deliver(
                envelopes, via: relay, rateLimiter: rateLimiter ?? SMTPRateLimiter(for: relay), on: group)
            for (position, outcome) in zip(positions, outcomes) {
                switch outcome {
                case .delivered: results[position] = .success(())
                case .failed(let error): results[position] = .failure(error)
                }
            }
        }
        return results.map { $0! }
    }

    /// Validates, renders and signs `messages`, in order, on every core: the RSA signature is
    /// most of a message's CPU (see bench/analysis.md, "Mailings"), and one core signing while
    /// the others wait made signing half of a delivery run's time.
    private static func prepare(
        _ messages: [MailMessage],
        for relay: SMTPRelay,
        date: Date
    ) async -> [Result<SMTPSession.Envelope, SMTPError>] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard messages.count > 1, cores > 1 else { return messages.map { prepare($0, for: relay, date: date) } }
        let chunk = (messages.count + cores - 1) / cores
        return await withTaskGroup(of: (Int, [Result<SMTPSession.Envelope, SMTPError>]).self) { group in
            for start in stride(from: 0, to: messages.count, by: chunk) {
                let part = Array(messages[start..<min(start + chunk, messages.count)])
                group.addTask { (start, part.map { prepare($0, for: relay, date: date) }) }
            }
            var parts: [(Int, [Result<SMTPSession.Envelope, SMTPError>])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    /// Validates, renders and signs one message into its envelope.
    private static func prepare(
        _ message: MailMessage,
        for relay: SMTPRelay,
        date: Date
    ) -> Result<SMTPSession.Envelope, SMTPError> {
        if let error = relay.configurationError { return .failure(error) }
        let rendered: String
        do {
            try HeaderValidation.checkToken(relay.heloName, .heloName)
            rendered = try message.rendered(from: relay.sender, date: date)
        } catch {
            return .failure(SMTPError(stage: .preparing, reason: .invalidMessage(error)))
        }
        let signed: String
        do {
            signed = try DKIMSigner.sign(rendered, with: relay.dkimSigners, at: date)
        } catch {
            return .failure(SMTPError(stage: .preparing, reason: .signingFailed(error)))
        }
        return .success(
            SMTPSession.Envelope(
                sender: message.envelopeSender ?? relay.sender,
                recipient: message.recipient,
                data: SMTPDataEncoding.payload(for: signed)
            ))
    }

    private static func deliver(
        _ envelopes: [SMTPSession.Envelope],
        via relay: SMTPRelay,
        rateLimiter: SMTPRateLimiter?,
        on group: any EventLoopGroup
    ) async throws -> [SMTPSession.Outcome] {
        let failAll = { (error: SMTPError) in [SMTPSession.Outcome](repeating: .failed(error), count: envelopes.count) }
        let tlsContext: NIOSSLContext?
        do {
            tlsContext = relay.tls == .none ? nil : try makeTLSContext(for: relay)
        } catch {
            return failAll(SMTPError(stage: .preparing, reason: .tlsConfigurationInvalid))
        }
        let timeout = TimeAmount(relay.timeout)
        let connection: Connection
        do {
            connection = try await connect(to: relay, tlsContext: relay.tls == .implicit ? tlsContext : nil, group: group, timeout: timeout)
        } catch {
            try Task.checkCancellation()
            return failAll(error)
        }
        let session = SMTPSession(
            heloName: relay.heloName,
            envelopes: envelopes,
            requiresTLS: relay.tls != .none,
            isEncrypted: relay.tls == .implicit,
            credentials: relay.credentials
        )
        return try await run(
            session, on: connection, relay: relay, tlsContext: tlsContext, rateLimiter: rateLimiter, timeout: timeout)
    }

    private static func makeTLSContext(for relay: SMTPRelay) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.certificateVerification = .fullVerification
        switch relay.trustRoots {
        case .system: configuration.trustRoots = .default
        case .certificateFile(let path): configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// The host name to send as SNI and that the certificate must name (NIOSSL's check, and
    /// ``CertificateHostname``'s stricter one); `nil` for an IP address, which NIOSSL then checks
    /// against the certificate's IP addresses.
    private static func serverHostname(for relay: SMTPRelay) -> String? {
        (try? SocketAddress(ipAddress: relay.host, port: 0)) == nil ? relay.host : nil
    }

    /// The relay sent more after its `220` to `STARTTLS` than that reply: refused, never read
    /// as a reply after the handshake (see ``SMTPLineTally``).
    private struct PlaintextAfterSTARTTLS: Error {}

    /// Puts TLS in front of the connection's decoder and waits for the handshake to finish.
    ///
    /// - Throws: ``PlaintextAfterSTARTTLS`` when anything arrived that the client has not read
    ///   (it has read `linesRead` lines); the check and adding TLS happen in one step on the
    ///   event loop, so no plaintext byte can arrive in between.
    private static func startTLS(
        on connection: Connection,
        linesRead: Int,
        context: NIOSSLContext,
        relay: SMTPRelay
    ) async throws {
        let channel = connection.channel.channel
        let tally = connection.tally
        let hostname = serverHostname(for: relay)
        let handshake = try await channel.eventLoop.submit {
            guard !tally.value.hasUnreadInput(linesRead: linesRead) else { throw PlaintextAfterSTARTTLS() }
            let tls = try NIOSSLClientHandler(context: context, serverHostname: hostname)
            let handshake = channel.eventLoop.makePromise(of: Void.self)
            do {
                try channel.pipeline.syncOperations.addHandler(TLSHandshakeWatcher(promise: handshake, expectedHostname: hostname), position: .first)
                try channel.pipeline.syncOperations.addHandler(tls, position: .first)
            } catch {
                handshake.fail(error)
            }
            return handshake.futureResult
        }.get()
        try await handshake.get()
    }

    private struct Connection: Sendable {
        var channel: NIOAsyncChannel<String, ByteBuffer>
        /// With implicit TLS, the handshake that must finish before the session starts.
        var handshake: EventLoopFuture<Void>?
        /// What the line decoder has taken in, for the check at `STARTTLS`.
        var tally: NIOLoopBoundBox<SMTPLineTally>
    }

    private static func connect(
        to relay: SMTPRelay,
        tlsContext: NIOSSLContext?,
        group: any EventLoopGroup,
        timeout: TimeAmount
    ) async throws(SMTPError) -> Connection {
        guard let bootstrap = ClientBootstrap(validatingGroup: group) else {
            // Not a POSIX event loop group (e.g. NIOTransportServices): we cannot connect with it.
            throw SMTPError(stage: .connect, reason: .connectionFailed)
        }
        let hostname = serverHostname(for: relay)
        let connection: Connection
        do {
            connection = try await bootstrap
                .connectTimeout(timeout)
                .connect(host: relay.host, port: relay.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        var handshake: EventLoopFuture<Void>?
                        if let tlsContext {
                            let promise = channel.eventLoop.makePromise(of: Void.self)
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: tlsContext, serverHostname: hostname))
                            try channel.pipeline.syncOperations.addHandler(TLSHandshakeWatcher(promise: promise, expectedHostname: hostname))
                            handshake = promise.futureResult
                        }
                        let tally = NIOLoopBoundBox(SMTPLineTally(), eventLoop: channel.eventLoop)
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder(tally: tally)))
                        let asyncChannel = try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                        return Connection(channel: asyncChannel, handshake: handshake, tally: tally)
                    }
                }
        } catch {
            throw SMTPError(stage: .connect, reason: isConnectTimeout(error) ? .timedOut : .connectionFailed)
        }
        return connection
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

    /// Drives `session` over the connection: reads replies, performs the session's actions
    /// (including the TLS handshake and waiting for the rate limiter), and maps connection
    /// trouble and expired deadlines back into the session.
    private static func run(
        _ session: SMTPSession,
        on connection: Connection,
        relay: SMTPRelay,
        tlsContext: NIOSSLContext?,
        rateLimiter: SMTPRateLimiter?,
        timeout: TimeAmount
    ) async throws -> [SMTPSession.Outcome] {
        let channel = connection.channel
        let deadline = StepDeadline(channel: channel.channel, timeout: timeout)
        defer { deadline.cancel() }
        var session = session
        return try await channel.executeThenClose { inbound, outbound in
            var lines = inbound.makeAsyncIterator()
            var parser = SMTPReplyParser()
            var linesRead = 0
            deadline.restart()
            if let handshake = connection.handshake {
                do {
                    try await handshake.get()
                } catch {
                    if deadline.hasFired { return session.timedOut() }
                    _ = session.tlsFailed()
                    return session.outcomes
                }
                deadline.restart()
            }
            while true {
                var action: SMTPSession.Action
                switch await readReply(from: &lines, parser: &parser, linesRead: &linesRead) {
                case .reply(let reply):
                    action = session.receive(reply: reply)
                case .malformed where !deadline.hasFired:
                    action = session.receiveMalformedReply()
                case .malformed, .closed:
                    return deadline.hasFired ? session.timedOut() : session.connectionClosed()
                }

                if action == .startTLS {
                    deadline.restart()
                    do {
                        guard let tlsContext else { throw SMTPError(stage: .startTLS, reason: .tlsConfigurationInvalid) }
                        try await startTLS(on: connection, linesRead: linesRead, context: tlsContext, relay: relay)
                        action = session.tlsEstablished()
                    } catch is PlaintextAfterSTARTTLS {
                        // Treated like a reply before the handshake: close without a word.
                        action = session.receiveMalformedReply()
                    } catch {
                        if deadline.hasFired { return session.timedOut() }
                        action = session.tlsFailed()
                    }
                }
                let bytes: String
                switch action {
                case .close, .startTLS:
                    return session.outcomes
                case .sendCommand(let command):
                    if session.state == .awaitingMailFromReply, let rateLimiter {
                        // A new transaction: wait for its slot; the deadline must not count it.
                        deadline.cancel()
                        do {
                            try await rateLimiter.acquire()
                        } catch {
                            return session.connectionClosed()
                        }
                    }
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

    /// Reads lines until they form one complete reply, counting them in `linesRead`.
    private static func readReply(
        from lines: inout NIOAsyncChannelInboundStream<String>.AsyncIterator,
        parser: inout SMTPReplyParser,
        linesRead: inout Int
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
            linesRead += 1
            do {
                if let reply = try parser.parse(line: line) { return .reply(reply) }
            } catch {
                return .malformed
            }
        }
    }
}
