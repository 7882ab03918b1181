import Foundation

/// Instants as people type them, on the command line and in the pages' forms alike: one rule,
/// so `2026-11-29` means the same wherever it is accepted.
extension Timestamp {
    /// An ISO 8601 instant, or a date (`2026-11-29`, or the UK orders ``CalendarDate/init(parsing:)``
    /// takes) meaning its first second, or its last when `endOfDay` (a window's inclusive end,
    /// so "to 2026-11-29" takes in the whole of that day).
    public init?(typed text: String, endOfDay: Bool = false) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let instant = Timestamp(iso8601: text) {
            self = instant
        } else if let date = CalendarDate(parsing: text) {
            self = Timestamp(secondsSince1970: Int64(date.daysSince1970) * 86_400 + (endOfDay ? 86_399 : 0))
        } else {
            return nil
        }
    }
}
