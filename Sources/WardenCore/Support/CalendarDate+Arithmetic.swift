extension CalendarDate {
    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> CalendarDate {
        Timestamp(secondsSince1970: Int64(daysSince1970 + days) * 86_400).date
    }

    /// The corresponding date `months` calendar months later, or that month's last day when it
    /// has no such date: 31 January plus one month is 28 February (29 in a leap year).
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let year = index / 12
        let month = index % 12 + 1
        return CalendarDate(unchecked: year, month, Swift.min(day, CalendarDate.daysIn(month: month, year: year)))
    }

    /// The last day of this date's month.
    public var endOfMonth: CalendarDate {
        CalendarDate(unchecked: year, month, CalendarDate.daysIn(month: month, year: year))
    }

    /// Days from `other` to this date: positive when this date is later.
    public func days(since other: CalendarDate) -> Int {
        daysSince1970 - other.daysSince1970
    }

    /// Whether the date is a Saturday or a Sunday (1 January 1970 was a Thursday).
    public var isWeekend: Bool {
        let weekday = ((daysSince1970 + 3) % 7 + 7) % 7  // Monday 0 … Sunday 6
        return weekday >= 5
    }
}
