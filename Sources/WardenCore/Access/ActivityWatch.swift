/// Patterns of work that no person doing their job makes, each alerted to the DPO before any
/// budget runs out: pure thresholds, so each rule has a test either side of its line.
///
/// The attack read 1,500 people in 16 searches in 33 seconds, walked identifiers downwards and
/// with a stride of 6, printed one walk sheet 12 times, and changed 300 members' contact
/// details in 5 seconds; none of it raised an alert.
public enum ActivityWatch {
    /// Distinct people one account may read in ``readRateWindow`` seconds before the DPO hears:
    /// about five full search pages a minute, well above a person reading what they find.
    public static let readRateLimit = 250
    public static let readRateWindow: Int64 = 60

    /// Contact-detail changes one account may make in ``contactChangeWindow`` seconds before the
    /// DPO hears, by default (``WatchLimits`` sets a party's own): a membership secretary
    /// updating a handful of records is far below it.
    public static let contactChangeLimit = 20
    public static let contactChangeWindow: Int64 = 600

    /// Copies of one walk list's sheet that may be out at once before the DPO hears: a
    /// reprint for a lost or spoilt sheet is normal, a stack of copies is not.
    public static let outstandingSheetLimit = 3

    /// Alerts of one kind about one account within this many seconds are one alert.
    public static let quietPeriod: Int64 = 3_600

    public static func isReadingTooFast(distinctPeopleInWindow people: Int) -> Bool {
        people > readRateLimit
    }

    public static func isChangingTooMany(contactChangesInWindow changes: Int, limits: WatchLimits = WatchLimits()) -> Bool {
        changes > limits.contactChanges
    }

    /// Whether others have changed the contact details of too many of a watched area's members
    /// since its period began.
    public static func isTargetingWatchedArea(membersChanged: Int, limits: WatchLimits = WatchLimits()) -> Bool {
        membersChanged >= limits.membersInWatchedArea
    }

    public static func isReprinting(outstandingSheets: Int) -> Bool {
        outstandingSheets > outstandingSheetLimit
    }
}
