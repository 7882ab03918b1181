/// What a search's list of results shows, and what it costs: less than opening records, and
/// never a way to copy the register out.
///
/// **The rule.** A listing row shows a person's name, their street (no house number, no
/// postcode) and their membership status, as far as the reader's grants show those at all.
/// Listed people are charged to a *listing allowance* of distinct people a rolling day, ten
/// times the reader's read budget; opening a record charges the read budget as before. What
/// stops a listing from becoming a bulk download:
/// - a page holds at most ``pageSize`` people, and one search lists no further than its first
///   ``deepest`` matches: past that the reader must narrow it (an area, a street, more of the
///   name), so paging through a broad search reaches 250 people and stops;
/// - every listed person is named in the log entry of the page that listed them;
/// - the allowance is counted in distinct people, so listing the same people again is free and
///   listing new ones runs out: at the allowance the listing is refused and the DPO alerted,
///   as for the read budget;
/// - rapid searching raises the enumeration alert, as it always has;
/// - a listing has no house numbers, postcodes, contact details or dates of birth: copied out
///   whole, it would be names and streets, not a register.
public enum ListingPolicy {
    /// The fields a listing row may show, within what the reader's grants allow.
    public static let fields: Set<PersonField> = [.title, .forenames, .surname, .address, .membershipStatus]
    /// People on one page of results.
    public static let pageSize = 25
    /// The furthest one search lists: its first 250 matches, in its order.
    public static let deepest = 250
    /// How many times the read budget the listing allowance is.
    public static let allowanceFactor = 10

    /// The listing allowance that goes with a read budget.
    public static func dailyAllowance(readBudget: Int) -> Int {
        readBudget.multipliedReportingOverflow(by: allowanceFactor).overflow ? .max : readBudget * allowanceFactor
    }

    /// Whether a page starting at `offset` lies within the part of a search that may be listed.
    public static func mayList(offset: Int) -> Bool {
        offset >= 0 && offset < deepest
    }

    /// The street of an address, as a listing shows it: no house number, no postcode.
    public static func street(of address: Address) -> String {
        WalkOrder.numbered(address)?.street ?? (address.lines.count > 1 ? address.lines[1] : "")
    }
}
