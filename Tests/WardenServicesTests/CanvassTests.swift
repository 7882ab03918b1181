import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Walk lists, doorstep results and sealing, through the services on a real SQLite file.
@Suite struct CanvassTests {
    static func harness() async throws -> TestWarden {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadRegister()
        try await test.loadMembers()
        try await test.account("canvasser", .canvasser, areaCode: "AA")
        try await test.account("organiser", .organiser, areaCode: "W1")
        try await test.account("secretary", .membershipSecretary, areaCode: "C")
        try await test.account("dpo", .dataProtectionOfficer, areaCode: "E")
        return test
    }

    static func person(_ test: TestWarden, _ text: String) async throws -> PersonID {
        try #require(try await test.warden.people.search(PeopleQuery(text: text), actor: .localOperator, purpose: .registerMaintenance).value.first).id
    }

    @Test func aListIsCutInWalkingOrderAndHeldByOneCanvasserAtATime() async throws {
        let test = try await Self.harness()
        try await test.account("other", .canvasser, areaCode: "AA")
        try await test.account("southern", .canvasser, areaCode: "BA")
        let list = try await test.walkList(assignedTo: "canvasser")
        #expect(list.doors == 1)  // 1 Mill Lane; the anonymous and overseas entries have no door
        await #expect(throws: WardenError.self) { try await test.warden.canvass.assign(list.id, to: "other", hours: 2, actor: .localOperator) }
        try await test.warden.canvass.endAssignment(list.id, actor: .localOperator)
        // A canvasser whose standing grant is for another district cannot be given it; nor for more than 48 hours.
        await #expect(throws: WardenError.self) { try await test.warden.canvass.assign(list.id, to: "southern", hours: 2, actor: .localOperator) }
        await #expect(throws: WardenError.self) { try await test.warden.canvass.assign(list.id, to: "other", hours: 49, actor: .localOperator) }
        let reassigned = try await test.warden.canvass.assign(list.id, to: "other", hours: 48, actor: .localOperator)
        #expect(reassigned.assignment?.username == "other")
    }

    @Test func answersAreSealedAndOpenOnlyForRolesThatMaySeeThem() async throws {
        let test = try await Self.harness()
        let list = try await test.walkList(assignedTo: "canvasser")
        let ann = try await Self.person(test, "M1")
        let canvasser = try await test.actor("canvasser")
        let answers = SurveyAnswers(intention: "Green", certainty: .likely, likelihood: 8, postalVote: true, issues: ["Housing"],
                                    notes: "Wants a crossing by the school")
        _ = try await test.warden.canvass.record(
            CanvassResult(personID: ann, walkListID: list.id, outcome: .spoke, answers: answers), actor: canvasser)

        let organiser = try await test.warden.people.person(ann, actor: try await test.actor("organiser"), purpose: .campaignPlanning).value
        #expect(organiser.canvass?.first?.answers == answers)
        let dpo = try await test.warden.people.person(ann, actor: try await test.actor("dpo"), purpose: .dataProtection).value
        #expect(dpo.canvass?.first?.answers?.notes == "Wants a crossing by the school")
        let secretary = try await test.warden.people.person(ann, actor: try await test.actor("secretary"), purpose: .membershipAdministration).value
        #expect(secretary.canvass == nil)
        #expect(secretary.withheld.contains(.canvassResults))
        let own = try await test.warden.people.person(ann, actor: canvasser, purpose: .canvassing).value
        #expect(own.canvass == nil)  // the canvasser records answers but does not read them back
        #expect(own.surname == "Lee")
    }

    @Test func answersMustFitTheSurveyAndTheOutcome() async throws {
        let test = try await Self.harness()
        let list = try await test.walkList(assignedTo: "canvasser")
        let ann = try await Self.person(test, "M1")
        let canvasser = try await test.actor("canvasser")
        await #expect(throws: WardenError.invalidRequest("intention: not one of this campaign's answers")) {
            try await test.warden.canvass.record(CanvassResult(personID: ann, walkListID: list.id, outcome: .spoke,
                                                               answers: SurveyAnswers(intention: "Monster Raving")), actor: canvasser)
        }
        await #expect(throws: WardenError.invalidRequest("answers: only when the outcome is spoke")) {
            try await test.warden.canvass.record(CanvassResult(personID: ann, walkListID: list.id, outcome: .notIn,
                                                               answers: SurveyAnswers(intention: "Green")), actor: canvasser)
        }
    }

    @Test func theDatabaseFileAndItsWALHoldNoIntentionOrNoteInPlainText() async throws {
        let test = try await Self.harness()
        let list = try await test.walkList(assignedTo: "canvasser")
        let canvasser = try await test.actor("canvasser")
        let note = "Zebra crossing petition 7781, ask again in spring"
        for text in ["M1", "AA-2"] {
            _ = try await test.warden.canvass.record(CanvassResult(
                personID: try await Self.person(test, text), walkListID: list.id, outcome: .spoke,
                answers: SurveyAnswers(intention: "Undecided", issues: ["Transport"], notes: note)), actor: canvasser)
        }
        let bytes = try TestEngine.current.storedBytes(of: test.warden.configuration.databasePath)
        #expect(bytes.count > 0)
        #expect(bytes.range(of: Data("Zebra crossing".utf8)) == nil)
        #expect(bytes.range(of: Data("Undecided".utf8)) == nil)
        // The same words do reach a permitted reader.
        let dpo = try await test.actor("dpo")
        let opened = try await test.warden.people.person(try await Self.person(test, "M1"), actor: dpo, purpose: .dataProtection).value
        #expect(opened.canvass?.first?.answers?.notes == note)
    }

    @Test func keyRotationRewrapsDataKeysOnlineAndAnswersStillOpen() async throws {
        let test = try await Self.harness()
        let list = try await test.walkList(assignedTo: "canvasser")
        let ann = try await Self.person(test, "M1")
        _ = try await test.warden.canvass.record(CanvassResult(personID: ann, walkListID: list.id, outcome: .spoke,
                                                               answers: SurveyAnswers(intention: "Labour")), actor: try await test.actor("canvasser"))
        #expect(try await test.warden.keys.usage()[1] ?? 0 >= 2)  // Ann's data key and second-factor secrets
        let rotation = try await test.warden.keys.rotate(actor: .localOperator)
        #expect(rotation.newVersion == 2)
        #expect(try await test.warden.keys.usage().keys.sorted() == [2])
        // The running Warden and a freshly opened one both open the answers and sign people in.
        let dpo = try await test.actor("dpo")
        #expect(try await test.warden.people.person(ann, actor: dpo, purpose: .dataProtection).value.canvass?.first?.answers?.intention == "Labour")
        let reopened = try await Warden.open(test.warden.configuration)
        #expect(try await reopened.people.person(ann, actor: dpo, purpose: .dataProtection).value.canvass?.first?.answers?.intention == "Labour")
        #expect(try await reopened.accounts.currentCode(username: "canvasser", actor: .localOperator).count == 6)  // second-factor secrets open too
        await #expect(throws: WardenError.self) { try await test.warden.keys.rotate(actor: dpo) }
    }

    @Test func canvassHistorySurvivesNextYearsRenumberedRegister() async throws {
        let test = try await Self.harness()
        let list = try await test.walkList(assignedTo: "canvasser")
        let ann = try await Self.person(test, "AA-1")
        _ = try await test.warden.canvass.record(CanvassResult(personID: ann, walkListID: list.id, outcome: .spoke,
                                                               answers: SurveyAnswers(intention: "Reform")), actor: try await test.actor("canvasser"))
        let text = """
            Elector Number Prefix,Elector Number,Elector Number Suffix,Elector Markers,Elector DOB,Elector Surname,Elector Forename,PostCode,Address1,Address2
            AA,11,,,,Lee,Bob,TN1 1AA,1 Mill Lane,Town
            AA,12,,,,Lee,Ann,TN1 1AA,1 Mill Lane,Town
            """
        let report = try await test.warden.imports.importRegister(path: try test.write("register-2027.csv", text), actor: .localOperator)
        #expect(report.changes["renumbered"] == 2)
        let now = try await test.warden.people.person(ann, actor: try await test.actor("dpo"), purpose: .dataProtection).value
        #expect(now.electorNumber == "AA-12")
        #expect(now.canvass?.map(\.answers?.intention) == ["Reform"])
        _ = try await test.warden.log.checkpoint()
        let findings = try await test.warden.log.verify(actor: .localOperator).findings
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test func theDashboardShowsAggregatesWithSmallCountsWithheld() async throws {
        let test = try await Self.harness()
        let list = try await test.walkList(assignedTo: "canvasser")
        let canvasser = try await test.actor("canvasser")
        for _ in 0..<6 {
            _ = try await test.warden.canvass.record(CanvassResult(personID: try await Self.person(test, "M1"), walkListID: list.id, outcome: .spoke,
                                                                   answers: SurveyAnswers(intention: "Labour")), actor: canvasser)
        }
        _ = try await test.warden.canvass.record(CanvassResult(personID: try await Self.person(test, "AA-2"), walkListID: list.id, outcome: .spoke,
                                                               answers: SurveyAnswers(intention: "Green")), actor: canvasser)
        let dashboard = try await test.warden.canvass.dashboard(list.campaignID, actor: try await test.actor("organiser"))
        #expect(dashboard.total.attempts == 7)
        #expect(dashboard.total.doors == nil)  // one household
        #expect(dashboard.total.intentions["Green"] == .some(nil))
        #expect(dashboard.total.intentions["Labour"] == .some(nil))  // would reveal Green's count from the total
        #expect(dashboard.total.intentions["Conservative"] == .some(0))
        await #expect(throws: WardenError.self) { try await test.warden.canvass.dashboard(list.campaignID, actor: canvasser) }
    }

    @Test func onlyAnOrganiserOverTheDistrictCutsPrintsAndClosesSheets() async throws {
        let test = try await Self.harness()
        let list = try await test.walkList(assignedTo: "canvasser")
        let organiser = try await test.actor("organiser")  // North Ward
        let canvasser = try await test.actor("canvasser")
        let south = try #require(try await test.warden.areas.all().first { $0.code == "BA" })
        await #expect(throws: WardenError.self) {
            try await test.warden.canvass.cutWalkLists(campaign: list.campaignID, district: south.id, doors: 10, actor: organiser)
        }
        await #expect(throws: WardenError.self) { try await test.warden.canvass.printSheet(list.id, actor: canvasser) }
        await #expect(throws: WardenError.self) { try await test.warden.canvass.assign(list.id, to: "canvasser", hours: 2, actor: canvasser) }

        let printed = try await test.warden.canvass.printSheet(list.id, actor: organiser)
        #expect(printed.sheet.serial == WalkSheet.serial(list: list.id, copy: 1))
        #expect(printed.doors.stops.first?.residents.map(\.person.surname) == ["Lee", "Lee"])
        await #expect(throws: WardenError.self) {
            try await test.warden.canvass.closeSheet(serial: printed.sheet.serial, as: .returned, actor: canvasser)
        }
        let closed = try await test.warden.canvass.closeSheet(serial: printed.sheet.serial, as: .destroyed, actor: organiser)
        #expect(closed.status == .destroyed)
        await #expect(throws: WardenError.self) {
            try await test.warden.canvass.closeSheet(serial: printed.sheet.serial, as: .returned, actor: organiser)
        }
        let events = try await test.warden.accounts.recentAudit(actor: .localOperator, limit: 40)
        #expect(events.contains { $0.actor == "canvasser" && $0.outcome == .refused && $0.action == .canvassOrganised })
        #expect(events.contains { $0.actor == "organiser" && $0.detail.contains("sheet \(printed.sheet.serial)") })
    }
}
