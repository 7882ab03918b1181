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
        /// `STARTTLS` and the TLS handshake (or the handshake of implicit TLS).
        case startTLS
        /// `AUTH`.
        case authentication
        /// `MAIL FROM`.
        case sender
        /// `RCPT TO`.
        case recipient
        /// The `DATA` command, before any content is sent.
        case data
        /// The message content and the terminating `.`.
        case content
        /// `RSET` between two messages of one session.
        case reset
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
        /// The message could not be DKIM-signed (see ``DKIMError``).
        case signingFailed(DKIMError)
        /// TLS is required but the relay does not offer `STARTTLS`; nothing was sent. Either the
        /// relay is misconfigured or someone between us removed the offer (a downgrade attack).
        case tlsUnavailable
        /// The TLS handshake failed: the certificate is not trusted or not for the relay's host
        /// name, or there is no common protocol version.
        case tlsHandshakeFailed
        /// Credentials are configured but the relay offers neither `AUTH PLAIN` nor `AUTH LOGIN`.
        case authenticationUnavailable
        /// The message is larger than the `SIZE` the relay announced; it was not sent.
        case messageTooLarge
        /// The configuration would send credentials without TLS to a relay that is not on
        /// loopback, or plaintext authentication was not explicitly allowed; nothing was sent.
        case credentialsWithoutTLS
        /// The TLS configuration could not be built (e.g. the CA file cannot be read).
        case tlsConfigurationInvalid
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

    /// Whether retrying can never succeed: a 5xx reply, a message that cannot be rendered or
    /// signed or exceeds the relay's size limit, or a configuration that is refused. Everything
    /// else (network failures, timeouts, 4xx replies, and a missing `STARTTLS` offer or failed
    /// handshake, which an attacker on the path can cause) is worth retrying later.
    public var isPermanent: Bool {
        switch reason {
        case .reply(let code): (500..<600).contains(code)
        case .invalidMessage, .signingFailed, .messageTooLarge, .credentialsWithoutTLS, .tlsConfigurationInvalid: true
        case .connectionFailed, .connectionClosed, .timedOut, .malformedReply, .tlsUnavailable, .tlsHandshakeFailed,
            .authenticationUnavailable:
            false
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
        case .signingFailed(let error):
            return "message not sent: \(error)"
        case .tlsUnavailable:
            return "relay does not offer STARTTLS, which the configuration requires; nothing was sent"
        case .tlsHandshakeFailed:
            return "TLS handshake with the relay failed (certificate not trusted or not for the relay's name)"
        case .authenticationUnavailable:
            return "relay offers no supported AUTH mechanism (PLAIN or LOGIN)"
        case .messageTooLarge:
            return "message exceeds the relay's size limit; it was not sent"
        case .credentialsWithoutTLS:
            return "refused to send credentials without TLS to a relay that is not explicitly allowed it on loopback"
        case .tlsConfigurationInvalid:
            return "the TLS configuration for the relay could not be loaded (check the CA file)"
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
        case .startTLS: "STARTTLS"
        case .authentication: "AUTH"
        case .reset: "RSET"
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
        case .startTLS: "STARTTLS"
        case .authentication: "the credentials"
        case .reset: "the RSET command"
        case .sender: "the sender"
        case .recipient: "the recipient"
        case .data: "the DATA command"
        case .content: "the message"
        }
    }
}
