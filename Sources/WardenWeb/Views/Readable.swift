import Foundation
import WardenCore

/// Dates and times as people read them on a page ("Tue 1 Dec 2026, 18:47 UTC"), where the API
/// and the log keep ISO 8601. Times are shown in UTC, as the log records them, and say so.
extension Timestamp {
    var readable: String {
        let seconds = Int(((secondsSince1970 % 86_400) + 86_400) % 86_400)
        let hour = seconds / 3_600, minute = seconds / 60 % 60
        return "\(date.readableWithWeekday), \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute) UTC"
    }
}

extension CalendarDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// "1 Dec 2026".
    var readable: String { "\(day) \(Self.months[month - 1]) \(year)" }

    /// "Tue 1 Dec 2026".
    var readableWithWeekday: String {
        // 1 January 1970 was a Thursday (index 3 from Monday).
        let weekday = ((daysSince1970 % 7) + 7 + 3) % 7
        return "\(Self.weekdays[weekday]) \(readable)"
    }
}
