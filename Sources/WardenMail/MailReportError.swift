/// Why an inbound message could not be read as a bounce or complaint report.
///
/// The ``description`` names the problem only, never the message's contents: reports quote
/// addresses and whole messages, which are personal data, and these errors are logged.
public enum MailReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message is not a `multipart/report` of type `delivery-status` or `feedback-report`
    /// (an ordinary reply, an out-of-office notice, a read receipt, or not mail at all).
    case notAReport
    /// A `multipart` part has no `boundary` parameter, so its parts cannot be found.
    case noBoundary
    /// A part cannot be read: its boundary never occurs, its transfer encoding does not decode,
    /// the report lacks its `message/delivery-status` or `message/feedback-report` part or that
    /// part its required fields, or the parts are nested too deeply.
    case malformedPart
    /// A failed or delayed recipient block, or a complaint, names no recipient.
    case noRecipient

    public var description: String {
        switch self {
        case .notAReport: "not a delivery status notification or feedback report"
        case .noBoundary: "a multipart part of the report has no boundary parameter"
        case .malformedPart: "a part of the report is malformed or missing"
        case .noRecipient: "a bounce or complaint in the report names no recipient"
        }
    }
}
