/// When a subject access request must be answered: UK GDPR Art. 12(3) gives one month from
/// receipt, extendable by up to two further months for complex or numerous requests.
///
/// As the ICO reads it, the month runs to the corresponding calendar date of the next month
/// (received 3 March, due 3 April); where the next month has no such date, to its last day
/// (received 31 January, due 28 February, or 29 in a leap year); and a due date that falls
/// on a weekend moves to the next working day. Bank holidays are not known here, so a due
/// date on one stays where it is: early, never late.
public enum SubjectAccessDeadline {
    /// The most an extension may add, in months (Art. 12(3)).
    public static let maximumExtensionMonths = 2

    /// The due date of a request received on `received`, extended by `extensionMonths`.
    public static func due(received: CalendarDate, extensionMonths: Int = 0) -> CalendarDate {
        var due = received.adding(months: 1 + extensionMonths)
        while due.isWeekend { due = due.adding(days: 1) }
        return due
    }

    /// How many days before its due date a case raises an alert.
    public static let warningDays = 7
}
