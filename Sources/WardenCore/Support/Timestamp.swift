import Foundation

/// An instant in UTC, stored and shown as ISO 8601 (`2026-11-23T09:30:00Z`).
public struct Timestamp: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    public static var now: Timestamp { Timestamp(secondsSince1970: Int64(Date().timeIntervalSince1970)) }

    public func adding(seconds: Int64) -> Timestamp { Timestamp(secondsSince1970: secondsSince1970 + seconds) }
    public func adding(days: Int) -> Timestamp { adding(seconds: Int64(days) * 86_400) }

    /// `YYYY-MM-DDTHH:MM:SSZ`. Written by hand, byte by byte: it is on every request's path
    /// (audit entries, grant checks), and a general-purpose date formatter, or even string
    /// concatenation, costs more than the rest of an entry.
    public var description: String {
        let seconds = Int(((secondsSince1970 % 86_400) + 86_400) % 86_400)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        date.append(to: &bytes)
        bytes.append(0x54)
        (seconds / 3_600).appendPadded(2, to: &bytes)
        bytes.append(0x3A)
        (seconds / 60 % 60).appendPadded(2, to: &bytes)
        bytes.append(0x3A)
        (seconds % 60).appendPadded(2, to: &bytes)
        bytes.append(0x5A)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` (the form this type writes), or any other ISO 8601
    /// timestamp Foundation understands.
    public init?(iso8601 text: String) {
        if let parsed = Self(writtenForm: Array(text.utf8)[...]) {
            self = parsed
            return
        }
        guard let date = try? Date(text, strategy: .iso8601) else { return nil }
        secondsSince1970 = Int64(date.timeIntervalSince1970)
    }

    /// Parses exactly the form ``description`` writes, from bytes: `verify` reads one from
    /// every entry in the log.
    init?(writtenForm bytes: ArraySlice<UInt8>) {
        let base = bytes.startIndex
        guard bytes.count == 20, bytes[base + 4] == 0x2D, bytes[base + 7] == 0x2D, bytes[base + 10] == 0x54,
              bytes[base + 13] == 0x3A, bytes[base + 16] == 0x3A, bytes[base + 19] == 0x5A
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[base + index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              let date = CalendarDate(year: year, month: month, day: day), hour < 24, minute < 60, second < 61
        else { return nil }
        secondsSince1970 = Int64(date.daysSince1970) * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
    }

    /// The calendar date of this instant in UTC.
    public var date: CalendarDate {
        let days = Int(secondsSince1970 >= 0 ? secondsSince1970 / 86_400 : (secondsSince1970 - 86_399) / 86_400)
        // Civil-from-days (Howard Hinnant), exact for the proleptic Gregorian calendar.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return CalendarDate(unchecked: year, month, day)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.secondsSince1970 < rhs.secondsSince1970 }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = Timestamp(iso8601: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 timestamp"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
