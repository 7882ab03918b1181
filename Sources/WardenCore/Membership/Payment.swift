/// One line of a payments report (a Direct Debit collection report, a card processor's
/// export): whose dues, collected when, how much, and whether the collection went through.
public struct Payment: Sendable, Hashable {
    public var membershipNumber: String
    public var paidOn: CalendarDate
    public var pence: Int
    /// The report's own identifier for the transaction. A payment already recorded under it is
    /// not counted again, so a report imported twice (or two reports that overlap) pays once.
    public var reference: String
    public var outcome: Outcome

    public init(membershipNumber: String, paidOn: CalendarDate, pence: Int, reference: String, outcome: Outcome) {
        self.membershipNumber = membershipNumber
        self.paidOn = paidOn
        self.pence = pence
        self.reference = reference
        self.outcome = outcome
    }

    /// Whether the money arrived.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case collected
        /// Returned, refused, cancelled or charged back: recorded, and it pays nothing.
        case failed

        /// Parses the words processors use: `"Paid"`, `"Collected"`, `"paid_out"`, `"Success"` /
        /// `"Failed"`, `"Unpaid"`, `"Returned"`, `"Charged back"`.
        public init?(loosely text: some StringProtocol) {
            switch Normalize.letters(text) {
            case "PAID", "PAIDOUT", "COLLECTED", "CONFIRMED", "SUCCESS", "SUCCEEDED", "SUCCESSFUL", "OK": self = .collected
            case "FAILED", "UNPAID", "RETURNED", "REFUSED", "DECLINED", "CANCELLED", "CANCELED", "CHARGEDBACK", "BOUNCED": self = .failed
            default: return nil
            }
        }
    }
}

/// A payment as Warden holds it against a member, for their record.
public struct PaymentEntry: Sendable, Hashable, Codable {
    public var paidOn: CalendarDate
    public var pence: Int
    public var outcome: Payment.Outcome
    /// The report it came from, as its file was named.
    public var report: String

    public init(paidOn: CalendarDate, pence: Int, outcome: Payment.Outcome, report: String) {
        self.paidOn = paidOn
        self.pence = pence
        self.outcome = outcome
        self.report = report
    }
}
