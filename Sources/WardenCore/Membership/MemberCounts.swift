/// The membership office's figures: members by status, and those in arrears who lapse by
/// the end of the month unless they pay. Counts only: they name no one.
public struct MemberCounts: Sendable, Hashable {
    public var byStatus: [MembershipStatus: Int]
    /// Members in arrears who lapse on or before ``lapsingBy`` under the party's dues rules.
    public var lapsing: Int
    /// The last day of the month counted.
    public var lapsingBy: CalendarDate
    /// The latest "paid until" among those who lapse by then: the filter of their list
    /// (``PeopleQuery/duesRanOutBy``).
    public var lapsingPaidUntil: CalendarDate

    public init(byStatus: [MembershipStatus: Int], lapsing: Int, lapsingBy: CalendarDate, lapsingPaidUntil: CalendarDate) {
        self.byStatus = byStatus
        self.lapsing = lapsing
        self.lapsingBy = lapsingBy
        self.lapsingPaidUntil = lapsingPaidUntil
    }

    public subscript(status: MembershipStatus) -> Int? { byStatus[status] }
}
