/// Why a ``MailMessage`` (or the sender/HELO name it is sent with) cannot be turned into a safe
/// SMTP transaction.
///
/// These errors exist so that a value that would let someone smuggle extra headers or SMTP
/// commands into a session (a CR or LF inside a header value or address) is refused before any
/// byte reaches the relay. Retrying never helps, so ``OutboxDelivery`` treats them as permanent.
///
/// The description names only the field, never its value: the value is usually an email address,
/// which is personal data and must not end up in logs.
public enum MailFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The part of the message or session that was refused.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        /// The sender address (envelope `MAIL FROM` and the `From` header).
        case sender
        /// The recipient address (envelope `RCPT TO` and the `To` header).
        case recipient
        /// The `Subject` header.
        case subject
        /// The `Message-ID` header.
        case messageID
        /// The name this host announces in `EHLO`/`HELO`.
        case heloName
        /// The per-message envelope sender (`MAIL FROM`), the bounce address.
        case envelopeSender
        /// The one-click unsubscribe URL (`List-Unsubscribe`).
        case unsubscribeURL
        /// The list identifier (`List-Id`).
        case listID
    }

    /// The value contains CR or LF, which would start a new header or SMTP command (header
    /// injection).
    case lineBreak(Field)
    /// The value is not something Warden can send safely: an address must be plain ASCII with
    /// exactly one `@`, no spaces, angle brackets or control characters; a Message-ID or HELO name
    /// must be printable ASCII without spaces; an unsubscribe URL must also be `https`; a list ID
    /// must be dot-separated labels of letters, digits and hyphens.
    case invalid(Field)

    /// The field that was refused.
    public var field: Field {
        switch self {
        case .lineBreak(let field), .invalid(let field): field
        }
    }

    public var description: String {
        switch self {
        case .lineBreak(let field):
            "the \(field.label) contains a line break (refused as header injection)"
        case .invalid(let field):
            "the \(field.label) is not valid for sending"
        }
    }
}

extension MailFormatError.Field {
    var label: String {
        switch self {
        case .sender: "sender address"
        case .recipient: "recipient address"
        case .subject: "subject"
        case .messageID: "Message-ID"
        case .heloName: "HELO name"
        case .envelopeSender: "envelope sender address"
        case .unsubscribeURL: "unsubscribe URL"
        case .listID: "list ID"
        }
    }
}
