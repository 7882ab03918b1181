/// Reads the body of a `message/delivery-status` part (RFC 3464 §2): a group of per-message
/// fields, then one group of per-recipient fields for each recipient, groups separated by blank
/// lines.
///
/// Only failures and delays become reports: `delivered`, `relayed` and `expanded` recipients
/// are fine, and a report naming several recipients must not mark the good ones.
enum DeliveryStatusParser {
    static func reports(fromLines lines: [Substring], originalMessageID: String?) throws(MailReportError) -> [MailReport] {
        var reports: [MailReport] = []
        for group in groups(lines) {
            let fields = HeaderFields(lines: group)
            guard let action = fields.first("Action").flatMap(firstWord)?.lowercased() else { continue }
            let status = fields.first("Status").flatMap(firstWord).flatMap(enhancedStatus)
            let kind: MailReport.Kind
            switch action {
            case "failed": kind = status?.hasPrefix("4") == true ? .softBounce : .hardBounce
            case "delayed": kind = .softBounce
            default: continue  // delivered, relayed, expanded: not a bounce
            }
            guard
                let recipient = fields.first("Original-Recipient").flatMap(ReportFieldValues.typedAddress)
                    ?? fields.first("Final-Recipient").flatMap(ReportFieldValues.typedAddress)
            else { throw .noRecipient }
            reports.append(MailReport(kind: kind, recipient: recipient, status: status, originalMessageID: originalMessageID))
        }
        return reports
    }

    /// The runs of non-blank lines.
    private static func groups(_ lines: [Substring]) -> [ArraySlice<Substring>] {
        lines.split { $0.trimmingWhitespace().isEmpty }
    }

    /// The first word of a value, without a trailing comment such as `failed (bad mailbox)`.
    private static func firstWord(_ value: String) -> Substring? {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "(" }).first
    }

    /// An enhanced status code `class.subject.detail` (RFC 3463 §2) with class 2, 4 or 5, or
    /// `nil` for anything else.
    private static func enhancedStatus(_ word: Substring) -> String? {
        let numbers = word.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3, ["2", "4", "5"].contains(numbers[0]),
            numbers.allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) })
        else { return nil }
        return String(word)
    }
}

extension Character {
    /// `0`–`9`, and nothing else that Unicode calls a digit.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
