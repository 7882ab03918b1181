import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Search that respects both work and the budget (``ListingPolicy``): a listing shows names,
/// streets and statuses, counts against a larger allowance than opening records, pages and
/// counts, and cannot be paged or searched into a bulk download.
@Suite struct SearchListingTests {
    /// A register of `count` Smiths in district AA, on three streets (and Ann Lee's household).
    static func smiths(_ count: Int, budgets: [Role: Int] = [:]) async throws -> TestWarden {
        let test = try await TestWarden.make(budgets: budgets)
        try await test.loadAreas()
        try await test.loadRegister()
        try await test.loadMembers()
        try await test.account("organiser", .organiser, areaCode: "W1")
        let streets = ["Mill Lane", "Alder Road", "Church Street"]
        let rows = (1...count).map { n in
            "AA,\(100 + n),,,,Smith,Person\(n),TN1 \(n % 3 + 1)AB,\(n) \(streets[n % 3]),Town"
        }
        let path = try test.write("smiths.csv", "Elector Number Prefix,Elector Number,Elector Number Suffix,Elector Markers,Elector DOB,Elector Surname,Elector Forename,PostCode,Address1,Address2\n"
                                  + rows.joined(separator: "\n") + "\n")
        _ = try await test.warden.imports.importRegister(path: path, actor: .localOperator)
        return test
    }

    @Test func aListingShowsNamesStreetsAndStatusAndCostsTheListingAllowanceNotTheReadBudget() async throws {
        let test = try await Self.smiths(3)
        let organiser = try await test.actor("organiser")
        let listed = try await test.warden.people.list(PeopleQuery(text: "Lee"), actor: organiser, purpose: .campaignPlanning).value
        #expect(listed.total == 2 && listed.people.count == 2)
        let ann = try #require(listed.people.first { $0.forenames == "Ann" })
        #expect(ann.address == Address(lines: ["Mill Lane"], postcode: ""), "the street, no number, no postcode")
        #expect(ann.membershipStatus == .active)
        #expect(ann.emails == nil && ann.phones == nil && ann.electorNumber == nil && ann.dateOfBirth == nil && ann.canvass == nil)
        var allowances = try #require(try await test.warden.people.allowances(actor: organiser))
        #expect(allowances.listed.used == 2 && allowances.read.used == 0)
        #expect(allowances.listed.limit == 10 * allowances.read.limit)
        // Opening one record is a read.
        _ = try await test.warden.people.person(ann.id, actor: organiser, purpose: .campaignPlanning)
        allowances = try #require(try await test.warden.people.allowances(actor: organiser))
        #expect(allowances.read.used == 1 && allowances.listed.used == 2)
        // The listing's log entry names the people it listed.
        let entry = try #require(try await test.warden.accounts.recentAudit(actor: .localOperator, limit: 10).first { $0.detail == "people listing" })
        #expect(Set(entry.people) == Set(listed.people.map(\.id)))
    }

    @Test func aListingCountsPagesOrdersAndFilters() async throws {
        let test = try await Self.smiths(60)
        let organiser = try await test.actor("organiser")
        var query = PeopleQuery(text: "Smith", limit: ListingPolicy.pageSize)
        let first = try await test.warden.people.list(query, actor: organiser, purpose: .campaignPlanning).value
        #expect(first.total == 60 && first.people.count == 25)
        query.offset = 50
        let last = try await test.warden.people.list(query, actor: organiser, purpose: .campaignPlanning).value
        #expect(last.people.count == 10 && Set(last.people.map(\.id)).isDisjoint(with: first.people.map(\.id)))
        // By street, in walking order: Alder Road first, odd numbers up.
        query.offset = 0
        query.order = .street
        let byStreet = try await test.warden.people.list(query, actor: organiser, purpose: .campaignPlanning).value.people
        #expect(byStreet.prefix(20).allSatisfy { $0.address?.lines == ["Alder Road"] })
        // A street filter, and a postcode's results in street order.
        query.order = .name
        query.street = "church street"
        #expect(try await test.warden.people.list(query, actor: organiser, purpose: .campaignPlanning).value.total == 20)
        // Members only: Ann Lee is the one member here.
        var members = PeopleQuery(text: "Lee")
        members.membership = .active
        let active = try await test.warden.people.list(members, actor: organiser, purpose: .campaignPlanning).value
        #expect(active.total == 1 && active.people.first?.forenames == "Ann")
    }

    @Test func pagingABroadSearchStopsAtItsFirst250AndTheRefusalIsRecorded() async throws {
        let test = try await Self.smiths(300)
        let organiser = try await test.actor("organiser")
        var query = PeopleQuery(text: "Smith", limit: ListingPolicy.pageSize)
        var listed = Set<PersonID>()
        // The attack: page on and on through a broad search.
        while true {
            do {
                let page = try await test.warden.people.list(query, actor: organiser, purpose: .campaignPlanning).value
                #expect(page.total == 300)
                listed.formUnion(page.people.map(\.id))
                query.offset += ListingPolicy.pageSize
            } catch let error as WardenError {
                #expect("\(error)".contains("narrow"))
                break
            }
            #expect(query.offset <= 300, "paging never ends")
            if query.offset > 300 { break }
        }
        #expect(listed.count == ListingPolicy.deepest)
        let refusals = try await test.warden.accounts.recentAudit(actor: .localOperator, limit: 5).filter { $0.outcome == .refused }
        #expect(refusals.contains { $0.actor == "organiser" && $0.detail.contains("listing past its first 250") })
    }

    @Test func manySearchesRunOutTheListingAllowanceAndAlertTheDPO() async throws {
        // A read budget of 3 gives a listing allowance of 30 people a day.
        let test = try await Self.smiths(60, budgets: [.organiser: 3])
        let organiser = try await test.actor("organiser")
        var query = PeopleQuery(text: "Smith", limit: ListingPolicy.pageSize)
        _ = try await test.warden.people.list(query, actor: organiser, purpose: .campaignPlanning)
        // The same people again cost nothing more.
        _ = try await test.warden.people.list(query, actor: organiser, purpose: .campaignPlanning)
        query.offset = 25
        await #expect(throws: WardenError.self) { _ = try await test.warden.people.list(query, actor: organiser, purpose: .campaignPlanning) }
        let alerts = try await test.warden.alerts.list(actor: .localOperator)
        #expect(alerts.contains { $0.kind == .budgetExhausted && $0.actor == "organiser" && $0.detail.contains("listing allowance of 30") })
        let allowances = try #require(try await test.warden.people.allowances(actor: organiser))
        #expect(allowances.listed.used == 25 && allowances.read.used == 0)
    }

    @Test func theDPORaisesABudgetForADayFromItsAlertAndNobodyElseCan() async throws {
        let test = try await Self.smiths(10, budgets: [.organiser: 3])
        try await test.account("dpo", .dataProtectionOfficer, areaCode: "E")
        let organiser = try await test.actor("organiser")
        let smiths = try await test.warden.people.list(PeopleQuery(text: "Smith"), actor: organiser, purpose: .campaignPlanning).value.people
        for person in smiths.prefix(3) { _ = try await test.warden.people.person(person.id, actor: organiser, purpose: .campaignPlanning) }
        await #expect(throws: WardenError.self) { _ = try await test.warden.people.person(smiths[3].id, actor: organiser, purpose: .campaignPlanning) }
        let alert = try #require(try await test.warden.alerts.list(actor: .localOperator).first { $0.kind == .budgetExhausted && $0.actor == "organiser" })

        // Refused: the organiser for themselves, and anyone but the DPO.
        await #expect(throws: WardenError.self) { _ = try await test.warden.alerts.raiseBudget(from: alert.id, reason: "I need more", actor: organiser) }
        await #expect(throws: WardenError.self) { _ = try await test.warden.alerts.raiseBudget(from: alert.id, reason: "the operator", actor: .localOperator) }
        let dpo = try await test.actor("dpo")
        await #expect(throws: WardenError.self) { _ = try await test.warden.alerts.raiseBudget(from: alert.id, reason: "  ", actor: dpo) }

        let raise = try await test.warden.alerts.raiseBudget(from: alert.id, reason: "Polling-day knock-up in North Ward", actor: dpo)
        #expect(raise.extra == 3 && raise.by == "dpo")
        #expect(raise.until.secondsSince1970 - Timestamp.now.secondsSince1970 > 86_000)
        _ = try await test.warden.people.person(smiths[3].id, actor: organiser, purpose: .campaignPlanning)
        let allowances = try #require(try await test.warden.people.allowances(actor: organiser))
        #expect(allowances.read.limit == 6 && allowances.read.used == 4 && allowances.listed.limit == 60)
        #expect(try await test.warden.alerts.list(actor: .localOperator).contains { $0.id == alert.id } == false, "the alert is closed")
        let audit = try await test.warden.accounts.recentAudit(actor: .localOperator, limit: 30)
        #expect(audit.contains { $0.actor == "dpo" && $0.detail.contains("read budget of organiser raised for a day") && $0.outcome == .allowed })
        #expect(audit.contains { $0.actor == "organiser" && $0.outcome == .refused })
        #expect(audit.contains { $0.actor == Actor.localOperator.label && $0.outcome == .refused && $0.detail.contains("raised for a day") })
        // A second raise from the same (closed) alert is not possible.
        await #expect(throws: WardenError.self) { _ = try await test.warden.alerts.raiseBudget(from: alert.id, reason: "again", actor: dpo) }
    }
}
