/// Reads the body of a `message/feedback-report` part (RFC 5965 §3.1): one group of fields, of
/// which `Feedback-Type` is required.
///
/// A complaint names its recipient in `Original-Rcpt-To` when the reporter kept it; many
/// mailbox providers leave it out (or redact the attached `To`), and then the attached
/// original's `To` is all there is.
enum FeedbackReportParser {
    /// Feedback types that are not a recipient's complaint: `not-spam` says the opposite, and
    /// `auth-failure` (RFC 6591) reports an SPF or DKIM failure to the domain owner.
    static let notComplaints: Set<String> = ["not-spam", "auth-failure"]

    static func reports(
        fromLines lines: [Substring],
        original: HeaderFields?,
        originalMessageID: String?
    ) throws(MailReportError) -> [MailReport] {
        let fields = HeaderFields(lines: lines.filter { !$0.trimmingWhitespace().isEmpty })
        guard let feedbackType = fields.first("Feedback-Type")?.lowercased(), !feedbackType.isEmpty else {
            throw .malformedPart
        }
        guard !notComplaints.contains(feedbackType) else { return [] }
        var recipients = fields.all("Original-Rcpt-To").compactMap { ReportFieldValues.bare(Substring($0)) }
        if recipients.isEmpty, let to = original?.first("To") {
            recipients = ReportFieldValues.addressList(to)
        }
        guard !recipients.isEmpty else { throw .noRecipient }
        var seen: Set<String> = []
        return recipients.filter { seen.insert($0.lowercased()).inserted }.map {
            MailReport(kind: .complaint, recipient: $0, feedbackType: feedbackType, originalMessageID: originalMessageID)
        }
    }
}
