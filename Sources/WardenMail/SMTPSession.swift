/// The client side of one SMTP session as a pure state machine: the greeting, `EHLO`, optional
/// `STARTTLS` and `AUTH`, then one mail transaction per message, then `QUIT`.
///
/// It decides, from each reply of the relay, what to send next and when the session is over, and
/// it does no I/O — ``SMTPClient`` feeds it replies and connection events and carries out the
/// actions it returns. Keeping the protocol logic here means every transition can be tested
/// without a network, in the style of swift-nio's own state machines.
///
/// The sequence is: greeting `220` → `EHLO` (on 5xx retry as `HELO`, unless TLS or `AUTH` is
/// needed, which only `EHLO` can announce) → when TLS is required, `STARTTLS` (`220`), the
/// handshake and `EHLO` again (RFC 3207 §4.2: what was announced in the clear is forgotten) →
/// with credentials, `AUTH PLAIN` or else `AUTH LOGIN` (`235`) → per message `MAIL FROM` →
/// `RCPT TO` → `DATA` (`354`) → content + `.` (`250`) → `QUIT`.
///
/// A refusal of one message's sender, recipient or data ends only that message's transaction:
/// `RSET` clears it and the next message goes on, so one member's refusal never affects another.
/// A refusal of the session itself (greeting, `EHLO`, `STARTTLS`, `AUTH`, a `421` closing reply
/// or a refused `RSET`) fails every message not yet decided, sends `QUIT` and ends the session.
struct SMTPSession: Sendable {
    /// How one message fared.
    enum Outcome: Sendable, Hashable {
        /// The relay accepted the message (it replied 2xx to the end of data).
        case delivered
        /// The message was not accepted.
        case failed(SMTPError)
    }

    /// One message's transaction: envelope sender and recipient, and the dot-stuffed data.
    struct Envelope: Sendable, Hashable {
        /// The `MAIL FROM` address; must already be validated.
        var sender: String
        /// The `RCPT TO` address; must already be validated.
        var recipient: String
        /// The dot-stuffed message data from ``SMTPDataEncoding/payload(for:)``.
        var data: String
    }

    /// What the caller must do next.
    enum Action: Sendable, Hashable {
        /// Send this command line (the caller appends CRLF), then wait for the next reply.
        case sendCommand(String)
        /// Send this already dot-stuffed message data (ends with `.` CRLF), then wait for the
        /// next reply.
        case sendData(String)
        /// Start TLS on the connection, then report ``tlsEstablished()`` or ``tlsFailed()``.
        case startTLS
        /// Send `QUIT`, wait for its reply (or the connection closing), then finish with
        /// ``outcomes``. Every message is decided: nothing that happens after this changes it.
        case quit
        /// Close the connection now and finish with ``outcomes``.
        case close
    }

    /// The steps of `AUTH`.
    enum AuthenticationStep: Sendable, Hashable {
        /// `AUTH PLAIN` with its initial response was sent; `235` is awaited.
        case plain
        /// `AUTH LOGIN` was sent; the `334` prompt for the user name is awaited.
        case loginUsernamePrompt
        /// The user name was sent; the `334` prompt for the password is awaited.
        case loginPasswordPrompt
        /// The password was sent; `235` is awaited.
        case loginResult
    }

    enum State: Sendable, Hashable {
        case awaitingGreeting
        case awaitingEHLOReply
        case awaitingHELOReply
        case awaitingStartTLSReply
        case awaitingTLSHandshake
        case awaitingAuthenticationReply(AuthenticationStep)
        case awaitingMailFromReply
        case awaitingRcptToReply
        case awaitingDataReply
        case awaitingContentReply
        case awaitingResetReply
        case awaitingQuitReply
        case finished
    }

    private(set) var state: State = .awaitingGreeting
    /// The outcome of each message decided so far, in order; all of them once the session is
    /// quitting or finished.
    private(set) var outcomes: [Outcome] = []
    /// Whether the connection is encrypted (implicit TLS, or after a successful `STARTTLS`).
    private(set) var isEncrypted: Bool
    /// What the last `EHLO` reply announced.
    private(set) var capabilities = SMTPCapabilities()

    private let heloName: String
    private let envelopes: [Envelope]
    private let requiresTLS: Bool
    private let credentials: SMTPCredentials?

    /// - Parameters:
    ///   - heloName: The name for `EHLO`/`HELO`; must already be validated.
    ///   - envelopes: The messages to send, at least one.
    ///   - requiresTLS: Refuse to go past `EHLO` on an unencrypted connection: use `STARTTLS`, or
    ///     fail when it is not offered.
    ///   - isEncrypted: The connection is already encrypted (implicit TLS).
    ///   - credentials: Authenticate with these after `EHLO` (and TLS). The caller has checked
    ///     that sending them is safe (see ``SMTPRelay``).
    init(
        heloName: String,
        envelopes: [Envelope],
        requiresTLS: Bool = false,
        isEncrypted: Bool = false,
        credentials: SMTPCredentials? = nil
    ) {
        precondition(!envelopes.isEmpty, "a session needs at least one message")
        self.heloName = heloName
        self.envelopes = envelopes
        self.requiresTLS = requiresTLS
        self.isEncrypted = isEncrypted
        self.credentials = credentials
    }

    /// The step whose reply is awaited; used to label failures.
    var stage: SMTPError.Stage {
        switch state {
        case .awaitingGreeting: .greeting
        case .awaitingEHLOReply, .awaitingHELOReply: .hello
        case .awaitingStartTLSReply, .awaitingTLSHandshake: .startTLS
        case .awaitingAuthenticationReply: .authentication
        case .awaitingMailFromReply: .sender
        case .awaitingRcptToReply: .recipient
        case .awaitingDataReply: .data
        case .awaitingResetReply: .reset
        case .awaitingContentReply, .awaitingQuitReply, .finished: .content
        }
    }

    private var current: Envelope { envelopes[outcomes.count] }

    /// Handles one complete reply from the relay.
    mutating func receive(reply: SMTPReply) -> Action {
        switch state {
        case .awaitingGreeting:
            guard reply.code == 220 else { return failSession(reply) }
            state = .awaitingEHLOReply
            return .sendCommand("EHLO \(heloName)")

        case .awaitingEHLOReply:
            if reply.isPermanentNegative {
                // `STARTTLS` and `AUTH` exist only after `EHLO`: without it, stop here.
                if requiresTLS && !isEncrypted {
                    return failSession(SMTPError(stage: .startTLS, reason: .tlsUnavailable))
                }
                if credentials != nil {
                    return failSession(SMTPError(stage: .authentication, reason: .authenticationUnavailable))
                }
                // An old or minimal server that does not know EHLO (RFC 5321 §3.2).
                state = .awaitingHELOReply
                return .sendCommand("HELO \(heloName)")
            }
            guard reply.isPositiveCompletion else { return failSession(reply) }
            capabilities = SMTPCapabilities(ehloReplyLines: reply.lines)
            if requiresTLS && !isEncrypted {
                guard capabilities.startTLS else {
                    return failSession(SMTPError(stage: .startTLS, reason: .tlsUnavailable))
                }
                state = .awaitingStartTLSReply
                return .sendCommand("STARTTLS")
            }
            if let credentials { return authenticate(with: credentials) }
            return startTransaction()

        case .awaitingHELOReply:
            guard reply.isPositiveCompletion else { return failSession(reply) }
            return startTransaction()

        case .awaitingStartTLSReply:
            guard reply.code == 220 else { return failSession(reply) }
            state = .awaitingTLSHandshake
            return .startTLS

        case .awaitingTLSHandshake:
            // Nothing may arrive between the `220` and the handshake; a reply here was sent in
            // the clear by someone who hopes it is read as coming through TLS (RFC 3207 §6).
            return receiveMalformedReply()

        case .awaitingAuthenticationReply(let step):
            return continueAuthentication(step, reply: reply)

        case .awaitingMailFromReply:
            guard reply.isPositiveCompletion else { return refuseMessage(reply) }
            state = .awaitingRcptToReply
            return .sendCommand("RCPT TO:<\(current.recipient)>")

        case .awaitingRcptToReply:
            guard reply.isPositiveCompletion else { return refuseMessage(reply) }
            state = .awaitingDataReply
            return .sendCommand("DATA")

        case .awaitingDataReply:
            guard reply.code == 354 else { return refuseMessage(reply) }
            state = .awaitingContentReply
            return .sendData(current.data)

        case .awaitingContentReply:
            guard reply.isPositiveCompletion else { return refuseMessage(reply) }
            outcomes.append(.delivered)
            return startTransaction()

        case .awaitingResetReply:
            guard reply.isPositiveCompletion else { return failSession(reply) }
            return startTransaction()

        case .awaitingQuitReply:
            state = .finished
            return .close

        case .finished:
            return .close
        }
    }

    /// The TLS handshake after `STARTTLS` succeeded: greet again, as RFC 3207 §4.2 requires.
    mutating func tlsEstablished() -> Action {
        guard state == .awaitingTLSHandshake else { return receiveMalformedReply() }
        isEncrypted = true
        capabilities = SMTPCapabilities()
        state = .awaitingEHLOReply
        return .sendCommand("EHLO \(heloName)")
    }

    /// The TLS handshake failed (including a certificate that does not verify): the connection
    /// cannot be used, so close it without `QUIT`.
    mutating func tlsFailed() -> Action {
        decideRemaining(SMTPError(stage: .startTLS, reason: .tlsHandshakeFailed))
        state = .finished
        return .close
    }

    /// The relay sent something that is not a valid reply: the conversation cannot be trusted,
    /// so close without `QUIT`.
    mutating func receiveMalformedReply() -> Action {
        decideRemaining(SMTPError(stage: stage, reason: .malformedReply))
        state = .finished
        return .close
    }

    /// The connection closed or failed while waiting for a reply or writing.
    mutating func connectionClosed() -> [Outcome] {
        decideRemaining(SMTPError(stage: stage, reason: .connectionClosed))
        state = .finished
        return outcomes
    }

    /// The current step exceeded its timeout.
    mutating func timedOut() -> [Outcome] {
        decideRemaining(SMTPError(stage: stage, reason: .timedOut))
        state = .finished
        return outcomes
    }

    private mutating func authenticate(with credentials: SMTPCredentials) -> Action {
        if capabilities.authMechanisms.contains("PLAIN") {
            state = .awaitingAuthenticationReply(.plain)
            return .sendCommand("AUTH PLAIN \(credentials.plainResponse)")
        }
        if capabilities.authMechanisms.contains("LOGIN") {
            state = .awaitingAuthenticationReply(.loginUsernamePrompt)
            return .sendCommand("AUTH LOGIN")
        }
        return failSession(SMTPError(stage: .authentication, reason: .authenticationUnavailable))
    }

    private mutating func continueAuthentication(_ step: AuthenticationStep, reply: SMTPReply) -> Action {
        switch step {
        case .plain, .loginResult:
            guard reply.code == 235 else { return failSession(reply) }
            return startTransaction()
        case .loginUsernamePrompt:
            guard reply.code == 334, let credentials else { return failSession(reply) }
            state = .awaitingAuthenticationReply(.loginPasswordPrompt)
            return .sendCommand(credentials.loginResponses.username)
        case .loginPasswordPrompt:
            guard reply.code == 334, let credentials else { return failSession(reply) }
            state = .awaitingAuthenticationReply(.loginResult)
            return .sendCommand(credentials.loginResponses.password)
        }
    }

    /// `MAIL FROM` for the next undecided message, or `QUIT` when all are decided. A message
    /// larger than the relay's announced `SIZE` is refused here, without sending it.
    private mutating func startTransaction() -> Action {
        while outcomes.count < envelopes.count {
            if let maximumSize = capabilities.maximumSize, current.data.utf8.count > maximumSize {
                outcomes.append(.failed(SMTPError(stage: .sender, reason: .messageTooLarge)))
                continue
            }
            state = .awaitingMailFromReply
            return .sendCommand("MAIL FROM:<\(current.sender)>")
        }
        state = .awaitingQuitReply
        return .quit
    }

    /// The relay refused the current message's transaction: that message fails, and the next one
    /// starts after `RSET` (not needed after the end of data, which ends the transaction anyway).
    /// `421` means the relay is closing the session, so the remaining messages fail too.
    private mutating func refuseMessage(_ reply: SMTPReply) -> Action {
        let error = SMTPError(stage: stage, reason: .reply(code: reply.code))
        if reply.code == 421 { return failSession(error) }
        let endedByData = state == .awaitingContentReply
        outcomes.append(.failed(error))
        guard outcomes.count < envelopes.count else {
            state = .awaitingQuitReply
            return .quit
        }
        if endedByData { return startTransaction() }
        state = .awaitingResetReply
        return .sendCommand("RSET")
    }

    private mutating func failSession(_ reply: SMTPReply) -> Action {
        failSession(SMTPError(stage: stage, reason: .reply(code: reply.code)))
    }

    private mutating func failSession(_ error: SMTPError) -> Action {
        decideRemaining(error)
        state = .awaitingQuitReply
        return .quit
    }

    /// Fails every message not yet decided with `error`; decided ones keep their outcome, so
    /// trouble after the relay accepted a message never turns it into a failure.
    private mutating func decideRemaining(_ error: SMTPError) {
        while outcomes.count < envelopes.count {
            outcomes.append(.failed(error))
        }
    }
}
