public import WardenCore

/// A year of Direct Debit collections for the demo's members, consistent with their statuses:
/// active members paid up, members in arrears last paid two to six months ago (a few about to
/// lapse) with a returned collection, and nothing for those who left. Dated from `today`, so the
/// membership office always has someone to chase this month.
enum DemoPayments {
    static func payments(for members: [MembershipRecord], today: CalendarDate, random: inout SeededGenerator) -> [Payment] {
        var payments: [Payment] = []
        for member in members {
            guard let dues = member.dues else { continue }
            func collect(monthsAgo: Int, failed: Bool = false) {
                payments.append(Payment(membershipNumber: member.membershipNumber, paidOn: today.adding(months: -monthsAgo), pence: dues.pence,
                                        reference: "DD-\(member.membershipNumber)-\(monthsAgo)", outcome: failed ? .failed : .collected))
            }
            switch (member.status, dues.frequency) {
            case (.active, .monthly):
                for monthsAgo in [2, 1, 0] { collect(monthsAgo: monthsAgo) }
            case (.active, .annual):
                collect(monthsAgo: Int.random(in: 0...10, using: &random))
            case (.inArrears, .monthly):
                let last = Int.random(in: 2...6, using: &random)
                collect(monthsAgo: last)
                collect(monthsAgo: last - 1, failed: true)
            case (.inArrears, .annual):
                collect(monthsAgo: 13)
            default:
                continue
            }
        }
        return payments
    }
}
