/// Which backups to keep: every one for a while, then one a day, then none. Pruning is a
/// separate step from taking a backup, so a fault in one cannot delete what the other made.
///
/// The newest backup is always kept, however old, so a party whose server stopped for weeks
/// still has something to restore.
public struct BackupRetention: Sendable, Hashable {
    /// Every backup younger than this is kept (default 48 hours).
    public var keepAllSeconds: Int64
    /// For this many days, the newest backup of each day (UTC) is kept (default 35).
    public var dailyDays: Int

    public init(keepAllSeconds: Int64 = 48 * 3_600, dailyDays: Int = 35) {
        self.keepAllSeconds = keepAllSeconds
        self.dailyDays = dailyDays
    }

    /// The backups among `created` (name → when) that the rule lets go at `now`, oldest first.
    public func expired(_ created: [String: Timestamp], now: Timestamp) -> [String] {
        let newestFirst = created.sorted { ($0.value, $0.key) > ($1.value, $1.key) }
        var daysKept: Set<CalendarDate> = []
        var expired: [(String, Timestamp)] = []
        for (index, (name, at)) in newestFirst.enumerated() {
            let age = now.secondsSince1970 - at.secondsSince1970
            if index == 0 || age < keepAllSeconds {
                daysKept.insert(at.date)
                continue
            }
            if age < Int64(dailyDays) * 86_400, daysKept.insert(at.date).inserted { continue }
            expired.append((name, at))
        }
        return expired.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
    }
}
