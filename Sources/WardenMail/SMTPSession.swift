/// The client side of one SMTP mail transaction as a pure state machine.
///
/// It decides, from each reply of the relay, what to send next and when the session is over, and
/// it does no I/O — ``SMTPClient`` feeds it replies and connection events and carries out the
/// actions it returns. Keeping the protocol logic here means every transition can be tested
/// without a network, in the style of swift-nio's own state machines.
///
/// The sequence is: greeting `220` → `EHLO` (on 5xx retry as `HELO`) → `MAIL FROM` → `RCPT TO` →
/// `DATA` (`354`) → content + `.` (`250`) → `QUIT`. Any refusal sends `QUIT` and ends the session
/// with an ``SMTPError`` for the step that was refused.
struct SMTPSession: Sendable {
    /// How the session ended.
    enum Outcome: Sendable, Hashable {
        /// The relay accepted the message (it replied 2xx to the end of data).
        case delivered
        /// The message was not accepted.
        case failed(SMTPError)
    }

    /// What the caller must do next.
    enum Action: Sendable, Hashable {
        /// Send this command line (the caller appends CRLF), then wait for the next reply.
        case sendCommand(String)
        /// Send this already dot-stuffed message data (ends with `.` CRLF), then wait for the
        /// next reply.
        case sendData(String)
        /// Send `QUIT`, wait for its reply (or the connection closing), then finish with
        /// `outcome`. The outcome is already decided: nothing that happens after this changes it.
        case quit(Outcome)
        /// Close the connection now and finish with `outcome`.
        case close(Outcome)
    }

    enum State: Sendable, Hashable {
        case awaitingGreeting
        case awaitingEHLOReply
        case awaitingHELOReply
        case awaitingMailFromReply
        case awaitingRcptToReply
        case awaitingDataReply
        case awaitingContentReply
        case awaitingQuitReply(Outcome)
        case finished(Outcome)
    }

    private(set) var state: State = .awaitingGreeting
    private let heloName: String
    private let sender: String
    private let recipient: String
    private let data: String

    /// - Parameters:
    ///   - heloName: The name for `EHLO`/`HELO`; must already be validated.
    ///   - sender: The envelope sender; must already be validated.
    ///   - recipient: The envelope recipient; must already be validated.
    ///   - data: The dot-stuffed message data from ``SMTPDataEncoding/payload(for:)``.
    init(heloName: String, sender: String, recipient: String, data: String) {
        self.heloName = heloName
        self.sender = sender
        self.recipient = recipient
        self.data = data
    }

    /// The step whose reply is awaited; used to label failures.
    var stage: SMTPError.Stage {
        switch state {
        case .awaitingGreeting: .greeting
        case .awaitingEHLOReply, .awaitingHELOReply: .hello
        case .awaitingMailFromReply: .sender
        case .awaitingRcptToReply: .recipient
        case .awaitingDataReply: .data
        case .awaitingContentReply, .awaitingQuitReply, .finished: .content
        }
    }

    /// Handles one complete reply from the relay.
    mutating func receive(reply: SMTPReply) -> Action {
        switch state {
        case .awaitingGreeting:
            guard reply.code == 220 else { return fail(reply) }
            state = .awaitingEHLOReply
            return .sendCommand("EHLO \(heloName)")

        case .awaitingEHLOReply:
            if reply.isPermanentNegative {
                // An old or minimal server that does not know EHLO (RFC 5321 §3.2).
                state = .awaitingHELOReply
                return .sendCommand("HELO \(heloName)")
            }
            guard reply.isPositiveCompletion else { return fail(reply) }
            state = .awaitingMailFromReply
            return .sendCommand("MAIL FROM:<\(sender)>")

        case .awaitingHELOReply:
            guard reply.isPositiveCompletion else { return fail(reply) }
            state = .awaitingMailFromReply
            return .sendCommand("MAIL FROM:<\(sender)>")

        case .awaitingMailFromReply:
            guard reply.isPositiveCompletion else { return fail(reply) }
            state = .awaitingRcptToReply
            return .sendCommand("RCPT TO:<\(recipient)>")

        case .awaitingRcptToReply:
            guard reply.isPositiveCompletion else { return fail(reply) }
            state = .awaitingDataReply
            return .sendCommand("DATA")

        case .awaitingDataReply:
            guard reply.code == 354 else { return fail(reply) }
            state = .awaitingContentReply
            return .sendData(data)

        case .awaitingContentReply:
            guard reply.isPositiveCompletion else { return fail(reply) }
            state = .awaitingQuitReply(.delivered)
            return .quit(.delivered)

        case .awaitingQuitReply(let outcome):
            state = .finished(outcome)
            return .close(outcome)

        case .finished(let outcome):
            return .close(outcome)
        }
    }

    /// The relay sent something that is not a valid reply: the conversation cannot be trusted,
    /// so close without `QUIT`.
    mutating func receiveMalformedReply() -> Action {
        let outcome = terminalOutcome(or: .malformedReply)
        state = .finished(outcome)
        return .close(outcome)
    }

    /// The connection closed or failed while waiting for a reply or writing.
    mutating func connectionClosed() -> Outcome {
        let outcome = terminalOutcome(or: .connectionClosed)
        state = .finished(outcome)
        return outcome
    }

    /// The current step exceeded its timeout.
    mutating func timedOut() -> Outcome {
        let outcome = terminalOutcome(or: .timedOut)
        state = .finished(outcome)
        return outcome
    }

    /// Once the outcome is decided (after the relay accepted or refused the message, while
    /// quitting), later trouble does not change it; before that, `reason` at the current step.
    private func terminalOutcome(or reason: SMTPError.Reason) -> Outcome {
        switch state {
        case .awaitingQuitReply(let outcome), .finished(let outcome):
            outcome
        default:
            .failed(SMTPError(stage: stage, reason: reason))
        }
    }

    private mutating func fail(_ reply: SMTPReply) -> Action {
        let outcome = Outcome.failed(SMTPError(stage: stage, reason: .reply(code: reply.code)))
        state = .awaitingQuitReply(outcome)
        return .quit(outcome)
    }
}
