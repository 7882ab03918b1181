/// Why handing a message to the relay failed, classified so the outbox knows whether to retry.
///
/// SMTP's own rule decides: a 4xx reply means "try again later" and a 5xx reply means "this will
/// never work". Network trouble (refused or reset connections, timeouts, a relay that closes the
/// connection or talks nonsense) is treated as transient as well, since the relay may simply be
/// restarting.
///
/// The ``description`` names only the stage and the reply code — never an address, the message
/// or the relay's reply text — because reply text often echoes the recipient's address, which
/// is personal data, and these errors are logged and stored in the outbox.
public struct SMTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The step of the SMTP session at which the failure happened.
    public enum Stage: String, Sendable, Hashable, CaseIterable {
        /// Before anything was sent: rendering the message or checking the HELO name.
        case preparing
        /// Opening the TCP connection.
        case connect
        /// Waiting for the relay's `220` greeting.
        case greeting
        /// `EHLO` (and the `HELO` fallback).
        case hello
        /// `MAIL FROM`.
        case sender
        /// `RCPT TO`.
        case recipient
        /// The `DATA` command, before any content is sent.
        case data
        /// The message content and the terminating `.`.
        case content
    }

    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// The connection could not be opened (refused, unreachable, name not resolved).
        case connectionFailed
        /// The relay closed or reset the connection in the middle of the session.
        case connectionClosed
        /// The step took longer than ``SMTPRelay/timeout``.
        case timedOut
        /// The relay answered with this reply code: a negative one (4xx/5xx) or one that makes
        /// no sense at this step.
        case reply(code: Int)
        /// The relay's reply could not be parsed (not `NNN text`, inconsistent multi-line codes,
        /// overlong line).
        case malformedReply
        /// The message or configuration was refused before sending (see ``MailFormatError``).
        case invalidMessage(MailFormatError)
    }

    /// The step that failed.
    public var stage: Stage
    /// What went wrong at that step.
    public var reason: Reason

    /// Creates an error; normally only ``SMTPClient`` does this.
    public init(stage: Stage, reason: Reason) {
        self.stage = stage
        self.reason = reason
    }

    /// Whether retrying can never succeed: a 5xx reply, or a message that cannot be rendered.
    /// Everything else (network failures, timeouts, 4xx replies) is worth retrying later.
    public var isPermanent: Bool {
        switch reason {
        case .reply(let code): (500..<600).contains(code)
        case .invalidMessage: true
        case .connectionFailed, .connectionClosed, .timedOut, .malformedReply: false
        }
    }

    /// The relay's reply code, when the failure was a reply.
    public var replyCode: Int? {
        if case .reply(let code) = reason { return code }
        return nil
    }

    public var description: String {
        switch reason {
        case .connectionFailed:
            return "could not connect to the relay"
        case .connectionClosed:
            return "relay closed the connection during \(stage.phrase)"
        case .timedOut:
            return stage == .connect
                ? "timed out connecting to the relay" : "timed out waiting for the relay during \(stage.phrase)"
        case .malformedReply:
            return "relay sent a malformed reply during \(stage.phrase)"
        case .invalidMessage(let error):
            return "message not sent: \(error)"
        case .reply(let code):
            switch code {
            case 500..<600: return "relay refused \(stage.object) (\(code))"
            case 400..<500: return "relay temporarily refused \(stage.object) (\(code))"
            default: return "relay sent an unexpected reply during \(stage.phrase) (\(code))"
            }
        }
    }
}

extension SMTPError.Stage {
    /// "during …" wording.
    var phrase: String {
        switch self {
        case .preparing: "preparation"
        case .connect: "connect"
        case .greeting: "the greeting"
        case .hello: "EHLO/HELO"
        case .sender: "MAIL FROM"
        case .recipient: "RCPT TO"
        case .data: "DATA"
        case .content: "the message content"
        }
    }

    /// "relay refused …" wording.
    var object: String {
        switch self {
        case .preparing: "the message"
        case .connect, .greeting: "the connection"
        case .hello: "the EHLO/HELO greeting"
        case .sender: "the sender"
        case .recipient: "the recipient"
        case .data: "the DATA command"
        case .content: "the message"
        }
    }
}
