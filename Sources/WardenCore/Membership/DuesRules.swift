/// The party's rules for moving members between active, in arrears and lapsed as their dues
/// are paid or not: two grace periods, counted in days from the day a member's dues run out
/// (``Dues/paidUntil``).
///
/// The rules only ever propose lifecycle events (``MembershipStatus/applying(_:)`` still
/// decides), and only for members whose dues Warden has seen paid: a member imported without a
/// payment has no "paid until" and is moved by hand.
public struct DuesRules: Sendable, Hashable, Codable {
    /// Days after dues run out before an active member is in arrears.
    public var arrearsAfterDays: Int
    /// Days after dues run out before a member in arrears lapses.
    public var lapseAfterDays: Int

    /// A fortnight's grace, then six months in arrears: the usual UK party rule.
    public static let standard = DuesRules(checkedArrears: 14, lapse: 180)

    private init(checkedArrears arrears: Int, lapse: Int) {
        arrearsAfterDays = arrears
        lapseAfterDays = lapse
    }

    /// Rules a party sets; refused unless `0 ≤ arrears < lapse ≤ 1,095` (three years).
    public init(arrearsAfterDays arrears: Int, lapseAfterDays lapse: Int) throws(WardenError) {
        guard (0...365).contains(arrears) else {
            throw .invalidRequest("arrears after: between 0 and 365 days")
        }
        guard lapse > arrears, lapse <= 1_095 else {
            throw .invalidRequest("lapse after: more days than arrears after, and at most 1,095")
        }
        self.init(checkedArrears: arrears, lapse: lapse)
    }

    /// How far dues are paid after a collection on `paidOn`: one period on from the later of
    /// that day and what was already paid. Paying early extends; paying late starts afresh,
    /// since the party does not collect back-payments.
    public static func paidUntil(after paidOn: CalendarDate, current: CalendarDate?, frequency: Dues.Frequency) -> CalendarDate {
        let from = max(paidOn, current ?? paidOn)
        return switch frequency {
        case .monthly: from.adding(months: 1)
        case .annual: from.adding(months: 12)
        }
    }

    /// The event these rules call for, on `today`, for a member in `status` whose dues are paid
    /// until `paidUntil`; `nil` when none.
    public func event(status: MembershipStatus, paidUntil: CalendarDate?, today: CalendarDate) -> MembershipEvent? {
        guard let paidUntil else { return nil }
        let overdue = today.days(since: paidUntil)
        switch status {
        case .active where overdue > arrearsAfterDays: return .paymentMissed
        case .inArrears where overdue > lapseAfterDays: return .gracePeriodEnded
        case .inArrears where overdue <= 0, .lapsed where overdue <= 0: return .paymentReceived
        default: return nil
        }
    }

    /// The day a member in arrears lapses if nothing is paid.
    public func lapsesOn(paidUntil: CalendarDate) -> CalendarDate {
        paidUntil.adding(days: lapseAfterDays + 1)
    }

    /// The latest "paid until" of members in arrears who lapse on or before `day`.
    public func paidUntilLapsingBy(_ day: CalendarDate) -> CalendarDate {
        day.adding(days: -(lapseAfterDays + 1))
    }
}
