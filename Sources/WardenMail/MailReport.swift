/// What a bounce or complaint report says about one recipient of Warden's mail, read by
/// ``MailReportParser`` from a delivery status notification (RFC 3464) or an abuse feedback
/// report (RFC 5965).
///
/// It carries only what Warden acts on — the address, the kind, the status code and the
/// original message — and never the diagnostic text, which often quotes the address and the
/// remote server's words.
public struct MailReport: Sendable, Hashable {
    /// What the report means for the recipient.
    public enum Kind: Sendable, Hashable {
        /// Delivery failed for good (`Action: failed` with a 5.x.x status): stop mailing the
        /// address until it is corrected.
        case hardBounce
        /// Delivery is delayed or failed for now (`Action: delayed`, or `failed` with a 4.x.x
        /// status): the address may work later.
        case softBounce
        /// The recipient (or their provider) reported the message as unwanted: stop mailing
        /// them campaigns.
        case complaint
    }

    /// What the report means for the recipient.
    public var kind: Kind
    /// The address the report is about: for a bounce `Original-Recipient` when given (the
    /// address Warden sent to, before any forwarding), otherwise `Final-Recipient`; for a
    /// complaint `Original-Rcpt-To`, otherwise the `To` of the attached original.
    public var recipient: String
    /// The enhanced status code (RFC 3463), such as `5.1.1`, for a bounce with a valid one.
    public var status: String?
    /// The feedback type of a complaint, lower-cased: `abuse`, `fraud`, `virus`, `other` or
    /// one registered later.
    public var feedbackType: String?
    /// The `Message-ID` of the original message without angle brackets, as in
    /// ``MailMessage/messageID``, when the report attaches the original or its headers.
    public var originalMessageID: String?

    /// Creates a report; normally only ``MailReportParser`` does this.
    public init(
        kind: Kind,
        recipient: String,
        status: String? = nil,
        feedbackType: String? = nil,
        originalMessageID: String? = nil
    ) {
        self.kind = kind
        self.recipient = recipient
        self.status = status
        self.feedbackType = feedbackType
        self.originalMessageID = originalMessageID
    }
}
