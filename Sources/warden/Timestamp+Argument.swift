public import ArgumentParser
public import WardenCore

/// Windows on the command line (`--from`, `--to`).
extension Timestamp: ExpressibleByArgument {
    /// An ISO 8601 instant, or a date (its start; the CLI's `--to` reads a date as its end).
    public init?(argument: String) {
        if let instant = Timestamp(iso8601: argument) {
            self = instant
        } else if let date = CalendarDate(parsing: argument), let start = Timestamp(iso8601: "\(date)T00:00:00Z") {
            self = start
        } else {
            return nil
        }
    }
}
