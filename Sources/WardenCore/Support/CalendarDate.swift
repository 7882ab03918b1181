/// A date without a time or zone (date of birth, joined on), stored as ISO 8601 `YYYY-MM-DD`.
///
/// Registers and membership systems write dates as `31/12/2001`, `2001-12-31` or
/// `31-12-2001`; ``init(parsing:)`` accepts those and nothing ambiguous.
public struct CalendarDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1800...2200).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A date already known to be valid (computed from a timestamp).
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, `DD/MM/YYYY` or `DD-MM-YYYY` (UK order); `nil` for anything else.
    public init?(parsing text: some StringProtocol) {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        guard parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) else {
            return nil
        }
        if parts[0].count == 4 {
            self.init(year: a, month: b, day: c)
        } else if parts[2].count == 4 {
            self.init(year: c, month: b, day: a)
        } else {
            return nil
        }
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `YYYY-MM-DD` as bytes: timestamps on every audit entry start with it.
    func append(to bytes: inout [UInt8]) {
        year.appendPadded(4, to: &bytes)
        bytes.append(0x2D)
        month.appendPadded(2, to: &bytes)
        bytes.append(0x2D)
        day.appendPadded(2, to: &bytes)
    }

    /// Days since 1970-01-01 (days-from-civil, Howard Hinnant).
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: expected YYYY-MM-DD"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension Int {
    /// Appends the decimal digits, zero-padded to `width`, without making strings on the way.
    func appendPadded(_ width: Int, to bytes: inout [UInt8]) {
        guard self >= 0 else {
            bytes += String(self).utf8
            return
        }
        var divisor = 1
        var count = 1
        while divisor <= self / 10 {
            divisor *= 10
            count += 1
        }
        if width > count { bytes += repeatElement(0x30, count: width - count) }
        var rest = self
        while divisor > 0 {
            bytes.append(UInt8(truncatingIfNeeded: 0x30 + rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
