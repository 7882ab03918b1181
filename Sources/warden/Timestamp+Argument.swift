public import ArgumentParser
public import WardenCore

/// Windows on the command line (`--from`, `--to`).
extension Timestamp: ExpressibleByArgument {
    /// An ISO 8601 instant, or a date (its start): ``Timestamp/init(typed:endOfDay:)``.
    public init?(argument: String) { self.init(typed: argument) }
}

/// A window's inclusive end on the command line: an ISO 8601 instant, or a date meaning its
/// last second, as the pages' forms read it.
struct WindowEnd: ExpressibleByArgument {
    var instant: Timestamp

    init?(argument: String) {
        guard let instant = Timestamp(typed: argument, endOfDay: true) else { return nil }
        self.instant = instant
    }
}
