#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// One plain-text email to one member.
///
/// Warden sends individual, plain-text mail — notices (confirmations, renewal reminders) and
/// personalised campaign mail — so the model is deliberately small: one recipient, a subject and a
/// body. Keeping one recipient per message means one member's refusal or bounce never affects
/// another member's mail, and the outbox can track delivery per member.
///
/// Campaign mail adds what bulk senders must carry to reach inboxes: a one-click unsubscribe
/// link (``unsubscribeURL``), a list identifier (``listID``) and a bounce address
/// (``envelopeSender``).
public struct MailMessage: Sendable, Hashable {
    /// The single recipient address (envelope `RCPT TO` and the `To` header).
    public var recipient: String
    /// The subject; any Unicode text without line breaks.
    public var subject: String
    /// The plain-text body; any line-ending style is normalised to CRLF when rendered.
    public var body: String
    /// The `Message-ID` (with or without angle brackets). Set it when the outbox stores messages,
    /// so a retried delivery carries the same ID and clients can spot duplicates; when `nil`, a
    /// random one is generated at render time.
    public var messageID: String?
    /// The member's personal one-click unsubscribe link, an `https` URL. When set, the message
    /// carries `List-Unsubscribe: <…>` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`
    /// (RFC 8058), which large mailbox providers require of bulk senders; the link must unsubscribe
    /// on a `POST` without further confirmation.
    public var unsubscribeURL: String?
    /// The list identifier for `List-Id` (RFC 2919), e.g. `campaign.party.example`, without angle
    /// brackets. It lets providers and members' filters group the mail of one list.
    public var listID: String?
    /// The envelope sender (`MAIL FROM`, the future `Return-Path`) for this message, e.g.
    /// `bounces@party.example` so delivery status notifications reach the bounce mailbox. When
    /// `nil`, the relay's ``SMTPRelay/sender`` is used, as for the `From` header.
    public var envelopeSender: String?

    /// Creates a message; nothing is validated until ``rendered(from:date:)`` so a stored outbox
    /// row can always be loaded back.
    public init(
        recipient: String,
        subject: String,
        body: String,
        messageID: String? = nil,
        unsubscribeURL: String? = nil,
        listID: String? = nil,
        envelopeSender: String? = nil
    ) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.messageID = messageID
        self.unsubscribeURL = unsubscribeURL
        self.listID = listID
        self.envelopeSender = envelopeSender
    }

    /// Renders the message as RFC 5322 text ready for the SMTP `DATA` phase (before
    /// dot-stuffing).
    ///
    /// The result is 7-bit ASCII with CRLF line endings: the subject becomes RFC 2047
    /// encoded-words when it is not plain ASCII, and the body is quoted-printable UTF-8, so it
    /// survives any relay unchanged.
    ///
    /// - Parameters:
    ///   - sender: The `From` address (the relay's configured sender).
    ///   - date: The `Date` header value, written in UTC.
    /// - Throws: ``MailFormatError`` when the sender, recipient, subject, Message-ID, envelope
    ///   sender, unsubscribe URL or list ID contains a line break (header injection) or is
    ///   otherwise unsafe to send.
    public func rendered(from sender: String, date: Date) throws(MailFormatError) -> String {
        try HeaderValidation.checkAddress(sender, .sender)
        try HeaderValidation.checkAddress(recipient, .recipient)
        try HeaderValidation.checkNoLineBreak(subject, .subject)
        if let envelopeSender { try HeaderValidation.checkAddress(envelopeSender, .envelopeSender) }
        let messageIDValue = try renderedMessageID(sender: sender)
        let listHeaders = try renderedListHeaders()

        let subjectValue =
            EncodedWord.canUseVerbatim(subject, headerName: "Subject")
            ? subject : EncodedWord.encode(subject, headerName: "Subject")

        var text = ""
        text += "Date: \(RFC5322Date.format(date))\r\n"
        text += "From: \(sender)\r\n"
        text += "To: \(recipient)\r\n"
        text += "Subject: \(subjectValue)\r\n"
        text += "Message-ID: \(messageIDValue)\r\n"
        text += listHeaders
        text += "MIME-Version: 1.0\r\n"
        text += "Content-Type: text/plain; charset=utf-8\r\n"
        text += "Content-Transfer-Encoding: quoted-printable\r\n"
        text += "\r\n"
        text += QuotedPrintable.encode(body)
        text += "\r\n"
        return text
    }

    /// `List-Id`, `List-Unsubscribe` and `List-Unsubscribe-Post`, those that apply.
    private func renderedListHeaders() throws(MailFormatError) -> String {
        var text = ""
        if let listID {
            try HeaderValidation.checkListID(listID)
            text += "List-Id: <\(listID)>\r\n"
        }
        if let unsubscribeURL {
            try HeaderValidation.checkUnsubscribeURL(unsubscribeURL)
            // Folded before the bracket when long, so the line stays within 78 characters as far
            // as the URL allows.
            let separator = "List-Unsubscribe: <".utf8.count + unsubscribeURL.utf8.count + 1 > 78 ? "\r\n " : " "
            text += "List-Unsubscribe:\(separator)<\(unsubscribeURL)>\r\n"
            text += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
        }
        return text
    }

    private func renderedMessageID(sender: String) throws(MailFormatError) -> String {
        guard let messageID else {
            let domain = sender.split(separator: "@").last.map(String.init) ?? "warden.localhost"
            return "<\(UUID().uuidString.lowercased())@\(domain)>"
        }
        try HeaderValidation.checkToken(messageID, .messageID)
        var bare = Substring(messageID)
        if bare.hasPrefix("<") && bare.hasSuffix(">") && bare.count >= 2 {
            bare = bare.dropFirst().dropLast()
        }
        guard !bare.isEmpty, !bare.contains("<"), !bare.contains(">") else { throw .invalid(.messageID) }
        return "<\(bare)>"
    }
}
