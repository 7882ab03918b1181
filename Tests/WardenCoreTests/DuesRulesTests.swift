import Testing
@testable import WardenCore

/// The arithmetic of dues: how far a payment pays, and which move the grace periods call for.
struct DuesRulesTests {
    let rules = DuesRules.standard

    func date(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    @Test func aPaymentPaysOnePeriodFromTheLaterOfItsDayAndWhatWasPaid() {
        #expect(DuesRules.paidUntil(after: date("2026-01-31"), current: nil, frequency: .monthly) == date("2026-02-28"))
        #expect(DuesRules.paidUntil(after: date("2028-01-31"), current: nil, frequency: .monthly) == date("2028-02-29"))
        #expect(DuesRules.paidUntil(after: date("2026-12-15"), current: nil, frequency: .monthly) == date("2027-01-15"))
        #expect(DuesRules.paidUntil(after: date("2026-05-01"), current: date("2026-07-01"), frequency: .annual) == date("2027-07-01"),
                "paid early: the year runs on from what was paid")
        #expect(DuesRules.paidUntil(after: date("2026-05-01"), current: date("2025-07-01"), frequency: .monthly) == date("2026-06-01"),
                "paid late: no back-payments")
    }

    @Test func theGracePeriodsCallForEachMoveOnlyPastTheirDay() {
        let paid = date("2026-03-01")
        #expect(rules.event(status: .active, paidUntil: paid, today: date("2026-03-15")) == nil)
        #expect(rules.event(status: .active, paidUntil: paid, today: date("2026-03-16")) == .paymentMissed)
        #expect(rules.event(status: .inArrears, paidUntil: paid, today: date("2026-08-28")) == nil)
        #expect(rules.event(status: .inArrears, paidUntil: paid, today: date("2026-08-29")) == .gracePeriodEnded)
        #expect(rules.lapsesOn(paidUntil: paid) == date("2026-08-29"))
        #expect(rules.paidUntilLapsingBy(date("2026-08-29")) == paid)
        #expect(rules.event(status: .inArrears, paidUntil: date("2026-09-01"), today: date("2026-08-29")) == .paymentReceived)
        #expect(rules.event(status: .lapsed, paidUntil: date("2026-09-01"), today: date("2026-08-29")) == .paymentReceived)
        #expect(rules.event(status: .resigned, paidUntil: date("2020-01-01"), today: date("2026-08-29")) == nil, "the rules never touch a resignation")
        #expect(rules.event(status: .active, paidUntil: nil, today: date("2026-08-29")) == nil, "no payment seen, no move")
    }

    @Test func rulesAPartySetsAreChecked() throws {
        #expect(throws: WardenError.self) { try DuesRules(arrearsAfterDays: -1, lapseAfterDays: 10) }
        #expect(throws: WardenError.self) { try DuesRules(arrearsAfterDays: 30, lapseAfterDays: 30) }
        #expect(throws: WardenError.self) { try DuesRules(arrearsAfterDays: 30, lapseAfterDays: 2_000) }
        #expect(try DuesRules(arrearsAfterDays: 0, lapseAfterDays: 1).arrearsAfterDays == 0)
    }

    @Test func processorsWordsForOutcomes() {
        #expect(Payment.Outcome(loosely: "paid_out") == .collected)
        #expect(Payment.Outcome(loosely: "Charged back") == .failed)
        #expect(Payment.Outcome(loosely: "pending") == nil)
        #expect(Dues.pounds(450) == "£4.50" && Dues.pounds(5) == "£0.05" && Dues.pounds(5_400) == "£54.00")
    }
}
