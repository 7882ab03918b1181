import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// The monitoring the attack evaded: each pattern raises an alert, and ordinary work does not.
@Suite("Hardening: activity watch")
struct ActivityWatchTests {
    @Test func identifiersWalkedDownwardsOrWithAStrideAreSpottedAndLookupsAreNot() {
        #expect(EnumerationDetector.isWalkingIdentifiers((0..<20).map { PersonID(Int64(5_000 - $0)) }))
        #expect(EnumerationDetector.isWalkingIdentifiers((0..<20).map { PersonID(Int64(100 + 6 * $0)) }))
        #expect(EnumerationDetector.isWalkingIdentifiers((0..<20).map { PersonID(Int64(9_000 - 250 * $0)) }))
        var random = SystemRandomNumberGenerator()
        let lookups = (0..<20).map { _ in PersonID(Int64.random(in: 1...50_000, using: &random)) }
        #expect(!EnumerationDetector.isWalkingIdentifiers(lookups))
    }

    /// A register of `count` electors in North AA, `perSurname` to a surname.
    func register(_ test: TestWarden, count: Int, perSurname: Int) async throws {
        var lines = ["Elector Number Prefix,Elector Number,Elector Surname,Elector Forename,PostCode,Address1"]
        for number in 1...count {
            let surname = "Surname" + String(UnicodeScalar(UInt8(65 + (number - 1) / perSurname)))
            lines.append("AA,\(number),\(surname),Person,TN1 1AA,\(number) Long Road")
        }
        let path = try test.write("big.csv", lines.joined(separator: "\n") + "\n")
        _ = try await test.warden.imports.importRegister(path: path, actor: .localOperator)
    }

    @Test func readingHundredsOfPeopleAMinuteIsAlertedAndAFewSearchesAreNot() async throws {
        let test = try await TestWarden.make(budgets: [.organiser: 5_000])
        try await test.loadAreas()
        try await register(test, count: 300, perSurname: 50)
        try await test.account("organiser", .organiser, areaCode: "W1")
        let organiser = try await test.actor("organiser")
        for letter in "AB" {
            _ = try await test.warden.people.search(PeopleQuery(text: "Surname\(letter)", limit: 50), actor: organiser, purpose: .campaignPlanning)
        }
        #expect(try await test.warden.alerts.list(actor: .localOperator).filter { $0.kind == .readRate }.isEmpty)
        for letter in "CDEF" {
            _ = try await test.warden.people.search(PeopleQuery(text: "Surname\(letter)", limit: 50), actor: organiser, purpose: .campaignPlanning)
        }
        let alerts = try await test.warden.alerts.list(actor: .localOperator).filter { $0.kind == .readRate }
        #expect(alerts.count == 1)
        #expect(alerts.first?.actor == "organiser")
    }

    @Test func aBurstOfContactChangesIsAlertedAndAFewAreNot() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadRegister()
        try await test.loadMembers()
        try await test.account("organiser", .organiser, areaCode: "W1")
        let organiser = try await test.actor("organiser")
        let ann = try #require(try await test.warden.people.search(PeopleQuery(text: "M1"), actor: .localOperator, purpose: .membershipAdministration).value.first?.id)
        func change(_ index: Int) async throws {
            _ = try await test.warden.people.changeContacts(
                of: ann, edits: [try ContactEdit(kind: .email, text: "ann\(index)@example.org")], reason: "update",
                actor: organiser, purpose: .campaignPlanning)
        }
        for index in 0..<ActivityWatch.contactChangeLimit { try await change(index) }
        #expect(try await test.warden.alerts.list(actor: .localOperator).filter { $0.kind == .contactChanges }.isEmpty)
        try await change(999)
        let alerts = try await test.warden.alerts.list(actor: .localOperator).filter { $0.kind == .contactChanges }
        #expect(alerts.map(\.actor) == ["organiser"])
    }

    @Test func aWalkSheetPrintedAgainAndAgainIsAlertedAndOneReprintIsNot() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadRegister()
        let list = try await test.walkList()
        for _ in 0..<ActivityWatch.outstandingSheetLimit { _ = try await test.warden.canvass.printSheet(list.id, actor: .localOperator) }
        #expect(try await test.warden.alerts.list(actor: .localOperator).filter { $0.kind == .reprint }.isEmpty)
        _ = try await test.warden.canvass.printSheet(list.id, actor: .localOperator)
        #expect(try await test.warden.alerts.list(actor: .localOperator).filter { $0.kind == .reprint }.count == 1)
    }

    /// Seed 004 done slowly: a few members a day during a selection stays under the burst rule,
    /// but not under the watched area's.
    @Test func changingManyMembersOfAWatchedAreaIsAlertedHoweverSlowly() async throws {
        let test = try await TestWarden.make(watchLimits: WatchLimits(contactChanges: 1_000, membersInWatchedArea: 3))
        try await test.loadAreas()
        try await test.loadRegister()
        let path = try test.write("north-members.csv", """
            Membership Number,First Name,Surname,Email,Mobile,Address 1,Postcode,Status,Joined,Branch,Dues
            N1,Ann,Lee,ann@example.org,,1 Mill Lane,TN1 1AA,Active,2019-01-01,W1,4.50
            N2,Bob,Lee,bob@example.org,,1 Mill Lane,TN1 1AA,Active,2019-01-01,W1,4.50
            N3,Dan,Fox,dan@example.org,,,,Active,2019-01-01,W1,4.50
            """)
        _ = try await test.warden.imports.importMembers(path: path, actor: .localOperator)
        try await test.account("organiser", .organiser, areaCode: "W1")
        let organiser = try await test.actor("organiser")
        let ward = try #require(try await test.warden.areas.id(code: "W1"))
        func change(_ number: String, round: Int) async throws {
            let id = try #require(try await test.warden.people.search(PeopleQuery(text: number), actor: .localOperator, purpose: .membershipAdministration).value.first?.id)
            _ = try await test.warden.people.changeContacts(of: id, edits: [try ContactEdit(kind: .email, text: "\(number).\(round)@attacker.example")],
                                                           reason: "update", actor: organiser, purpose: .campaignPlanning)
        }
        // Without a watched period, three changes alert nobody.
        for number in ["N1", "N2", "N3"] { try await change(number, round: 1) }
        #expect(try await test.warden.alerts.list(actor: .localOperator).filter { $0.kind == .contactChanges }.isEmpty)
        try await Task.sleep(for: .milliseconds(1_100))  // the period starts after those changes
        _ = try await test.warden.alerts.watch(area: ward, from: Timestamp.now, to: Timestamp.now.adding(days: 14),
                                               reason: "North Ward selection", actor: .localOperator)
        try await change("N1", round: 2)
        try await change("N2", round: 2)
        #expect(try await test.warden.alerts.list(actor: .localOperator).filter { $0.kind == .contactChanges }.isEmpty)
        try await change("N3", round: 2)
        let alerts = try await test.warden.alerts.list(actor: .localOperator).filter { $0.kind == .contactChanges }
        #expect(alerts.count == 1)
        #expect(alerts.first?.detail.contains("North Ward selection") == true)
    }
}
