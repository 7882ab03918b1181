/// Reads bounces and complaints from the mail that comes back to Warden's bounce address:
/// delivery status notifications (RFC 3464) and abuse feedback reports (ARF, RFC 5965), both
/// `multipart/report` messages (RFC 6522).
///
/// Relays and mailbox providers send these so the sender stops mailing addresses that do not
/// exist and people who do not want the mail; ignoring them gets a sender's mail refused. The
/// parser is forgiving where real MTAs differ (line breaks, folding, quoting, case, transfer
/// encodings, a report wrapped in another multipart) and strict where guessing could mark the
/// wrong member: an attached original message is never searched for a report.
public enum MailReportParser {
    /// The reports in `raw`, a whole inbound message (header and body) with CRLF or LF line
    /// breaks: one per failed or delayed recipient of a delivery status notification, or one
    /// per recipient of a complaint. Empty when the report says nothing needs doing (every
    /// recipient delivered, or a `not-spam` report).
    ///
    /// - Throws: ``MailReportError``, naming what is wrong and never the contents.
    public static func reports(in raw: String) throws(MailReportError) -> [MailReport] {
        let message = MIMEEntity(lines: LineBreaks.lines(LineBreaks.normalized(raw))[...])
        guard let report = try message.flattened().first(where: { $0.mediaType.essence == "multipart/report" }) else {
            throw .notAReport
        }
        let parts = try report.flattened().dropFirst()
        let original = parts.first { originalTypes.contains($0.mediaType.essence) }
            .flatMap { try? MIMEEntity(lines: $0.decodedBody()[...]).headers }
        let originalMessageID = original?.first("Message-ID").flatMap(ReportFieldValues.messageID)

        let reportType = report.mediaType.parameters["report-type"]?.lowercased()
        if reportType == nil || reportType == "delivery-status",
            let status = parts.first(where: { deliveryStatusTypes.contains($0.mediaType.essence) })
        {
            return try DeliveryStatusParser.reports(fromLines: status.decodedBody(), originalMessageID: originalMessageID)
        }
        if reportType == nil || reportType == "feedback-report",
            let feedback = parts.first(where: { $0.mediaType.essence == "message/feedback-report" })
        {
            return try FeedbackReportParser.reports(
                fromLines: feedback.decodedBody(), original: original, originalMessageID: originalMessageID)
        }
        // A report of a known type without its report part is broken; any other report type
        // (read receipts, TLS reports) is simply not ours to read.
        throw reportType == "delivery-status" || reportType == "feedback-report" ? .malformedPart : .notAReport
    }

    /// The media types of a delivery-status part, including the internationalised one (RFC 6533).
    private static let deliveryStatusTypes: Set<String> = ["message/delivery-status", "message/global-delivery-status"]
    /// The media types of the attached original message or its header.
    private static let originalTypes: Set<String> = [
        "message/rfc822", "message/global", "text/rfc822-headers", "message/global-headers",
    ]
}
