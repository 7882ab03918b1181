import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Payments reports and the party's dues rules: members move between active, in arrears and
/// lapsed as their dues are paid or not, each move versioned, in their history and logged;
/// a report is all or nothing and pays once however often it is imported; only a whole-party
/// membership secretary (or the operator) runs them.
@Suite("Dues: payments reports and grace periods")
struct DuesTests {
    struct Seeded {
        let test: TestWarden
        let ann: PersonID
        let cat: PersonID
        /// The whole-party secretary, signed in once (a second factor takes one sign-in a step).
        let office: Actor
    }

    func seeded() async throws -> Seeded {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadRegister()
        try await test.loadMembers()
        try await test.account("office", .membershipSecretary, areaCode: "E")
        try await test.account("ward-secretary", .membershipSecretary, areaCode: "W1")
        try await test.account("organiser", .organiser, areaCode: "W1")
        func member(_ number: String) async throws -> PersonID {
            try #require(try await test.warden.people.search(PeopleQuery(text: number), actor: .localOperator,
                                                               purpose: .membershipAdministration).value.first?.id)
        }
        return Seeded(test: test, ann: try await member("M1"), cat: try await member("M2"), office: try await test.actor("office"))
    }

    func report(_ test: TestWarden, _ name: String, _ lines: String) throws -> String {
        try test.write(name, "Membership Number,Payment Date,Amount,Transaction ID,Status\n" + lines)
    }

    func record(_ s: Seeded, _ person: PersonID) async throws -> PersonView {
        try await s.test.warden.people.person(person, actor: s.office, purpose: .membershipAdministration).value
    }

    @Test func reportsPayDuesAndTheGracePeriodsMoveMembersThroughArrearsToLapsedAndBack() async throws {
        let s = try await seeded()
        let office = s.office
        // Both pay annual dues (the export gives no frequency). Ann's ran out on 1 March, Cat's today.
        let first = try report(s.test, "dd-2025.csv", "M1,01/03/2025,4.50,T-1,Paid\nM2,01/06/2025,4.50,T-2,Paid\nM2,02/06/2025,4.50,T-3,Failed\n")
        let imported = try await s.test.warden.imports.importPayments(path: first, today: CalendarDate(parsing: "2026-06-01")!, actor: office)
        #expect(imported.changes["collected"] == 2 && imported.changes["failed"] == 1)
        #expect(imported.changes["active → in_arrears"] == 1 && imported.changed == 1)
        var ann = try await record(s, s.ann)
        #expect(ann.membershipStatus == .inArrears)
        #expect(ann.paidUntil == CalendarDate(parsing: "2026-03-01"))
        #expect(ann.payments?.map(\.report) == ["dd-2025.csv"])
        #expect(ann.membershipHistory?.first?.to == .inArrears)
        #expect(ann.membershipHistory?.first?.reason.contains("dues unpaid 14 days after they ran out") == true)
        let cat = try await record(s, s.cat)
        #expect(cat.membershipStatus == .active)
        #expect(cat.paidUntil == CalendarDate(parsing: "2026-06-01"), "a failed collection pays nothing")
        #expect(cat.payments?.map(\.outcome) == [.failed, .collected])

        // Three months on: Ann lapses; Cat falls into arrears.
        let moves = try await s.test.warden.people.applyDuesRules(today: CalendarDate(parsing: "2026-09-01")!, actor: office)
        #expect(moves == ["in_arrears → lapsed": 1, "active → in_arrears": 1])
        #expect(try await record(s, s.ann).membershipStatus == .lapsed)
        #expect(try await record(s, s.cat).membershipStatus == .inArrears)
        #expect(try await s.test.warden.people.applyDuesRules(today: CalendarDate(parsing: "2026-09-01")!, actor: office).isEmpty,
                "applying the rules again on the same day moves nobody")

        // Ann pays again: active, paid a year on from the payment.
        let second = try report(s.test, "card-sept.csv", "M1,2026-09-02,54.00,ch_9,succeeded\n")
        let again = try await s.test.warden.imports.importPayments(path: second, today: CalendarDate(parsing: "2026-09-02")!, actor: office)
        #expect(again.changes["lapsed → active"] == 1)
        ann = try await record(s, s.ann)
        #expect(ann.membershipStatus == .active && ann.paidUntil == CalendarDate(parsing: "2027-09-02"))
        #expect(ann.membershipHistory?.map(\.to) == [.active, .lapsed, .inArrears])
        #expect(ann.membershipHistory?.allSatisfy { $0.by == "office" } == true)

        // Every move is a version (after the membership import's first), and the log still verifies.
        let history = try await s.test.warden.investigations.history(of: s.ann, proofs: false, actor: .localOperator)
        #expect(history.changes.filter { $0.fields.contains("membership_status") }.count == 1 + 3)
        _ = try await s.test.warden.log.checkpoint()
        #expect(try await s.test.warden.log.verify(actor: .localOperator).findings.isEmpty)
    }

    @Test func aReportImportedTwicePaysOnce() async throws {
        let s = try await seeded()
        let office = s.office
        let file = try report(s.test, "dd.csv", "M1,2026-05-01,4.50,T-1,Collected\n")
        let today = CalendarDate(parsing: "2026-05-02")!
        _ = try await s.test.warden.imports.importPayments(path: file, today: today, actor: office)
        let again = try await s.test.warden.imports.importPayments(path: file, today: today, actor: office)
        #expect(again.changes["already recorded"] == 1 && again.changes["collected"] == nil)
        #expect(try await record(s, s.ann).paidUntil == CalendarDate(parsing: "2027-05-01"))
        #expect(try s.test.sqlValues("SELECT COUNT(*) FROM payment") == ["1"])
    }

    @Test func aLineNamingNoMemberImportsNothingAndTheProblemDoesNotRepeatTheValue() async throws {
        let s = try await seeded()
        let office = s.office
        let file = try report(s.test, "dd.csv", "M1,2026-05-01,4.50,T-1,Paid\nZZ99,2026-05-01,4.50,T-2,Paid\nM2,someday,£4.5x,T-3,Paid\n")
        do {
            _ = try await s.test.warden.imports.importPayments(path: file, actor: office)
            Issue.record("a report with bad lines was imported")
        } catch WardenError.importRejected(let report) {
            let problems = report.problems.map(\.description)
            #expect(problems.contains("dd.csv:3: membership number: no member has this number"), "\(problems)")
            #expect(problems.contains { $0.hasPrefix("dd.csv:4: Payment Date: not a date") }, "\(problems)")
            #expect(problems.contains { $0.hasPrefix("dd.csv:4: Amount: not an amount") }, "\(problems)")
            #expect(!problems.joined().contains("ZZ99") && !problems.joined().contains("someday"))
        }
        #expect(try s.test.sqlValues("SELECT COUNT(*) FROM payment") == ["0"])
        #expect(try await record(s, s.ann).paidUntil == nil)
    }

    @Test func onlyAWholePartySecretaryRunsPaymentsAndRulesAndRefusalsAreRecorded() async throws {
        let s = try await seeded()
        let file = try report(s.test, "dd.csv", "M1,2026-05-01,4.50,T-1,Paid\n")
        for name in ["ward-secretary", "organiser"] {
            let actor = try await s.test.actor(name)
            await #expect(throws: WardenError.self) { _ = try await s.test.warden.imports.importPayments(path: file, actor: actor) }
            await #expect(throws: WardenError.self) { _ = try await s.test.warden.people.applyDuesRules(actor: actor) }
            await #expect(throws: WardenError.self) {
                _ = try await s.test.warden.people.setDuesRules(arrearsAfterDays: 1, lapseAfterDays: 2, actor: actor)
            }
            let audit = try await s.test.warden.accounts.recentAudit(actor: .localOperator, limit: 3)
            #expect(audit.allSatisfy { $0.outcome == .refused && $0.actor == name }, "\(audit.map(\.detail))")
        }
        #expect(try s.test.sqlValues("SELECT COUNT(*) FROM payment") == ["0"])

        let office = s.office
        let rules = try await s.test.warden.people.setDuesRules(arrearsAfterDays: 30, lapseAfterDays: 90, actor: office)
        #expect(try await s.test.warden.people.duesRules() == rules)
        await #expect(throws: WardenError.self) {
            _ = try await s.test.warden.people.setDuesRules(arrearsAfterDays: 90, lapseAfterDays: 30, actor: office)
        }
        #expect(try await s.test.warden.people.duesRules().lapseAfterDays == 90)
        let audit = try await s.test.warden.accounts.recentAudit(actor: .localOperator, limit: 1)
        #expect(audit.first?.detail.contains("in arrears 30 days after dues run out, lapsed after 90") == true)
    }

    @Test func aMemberWhoIsNotTheOfficeSeesNoPaymentsOfOthers() async throws {
        let s = try await seeded()
        let office = s.office
        _ = try await s.test.warden.imports.importPayments(
            path: try report(s.test, "dd.csv", "M1,2026-05-01,4.50,T-1,Paid\n"), actor: office)
        let organiser = try await s.test.actor("organiser")
        let view = try await s.test.warden.people.person(s.ann, actor: organiser, purpose: .campaignPlanning).value
        #expect(view.payments == nil && view.paidUntil == nil)
        #expect(view.withheld.contains(PersonField.payments))
    }
}
