import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// The party defines its survey (parties and issues) once; every new campaign asks from it,
/// running ones keep theirs, and only a campaign manager over the whole party defines it.
@Suite struct PartySurveyTests {
    @Test func aWholePartyCampaignManagerDefinesTheSurveyCampaignsAskFrom() async throws {
        let test = try await CanvassTests.harness()
        try await test.account("national", .campaignManager, areaCode: "E")
        try await test.account("local", .campaignManager, areaCode: "C")
        let before = try await test.walkList()
        let national = try await test.actor("national")
        let survey = try await test.warden.canvass.setPartySurvey(
            parties: ["Labour", "Green", "Independent"], issues: ["Potholes", "Buses", "Schools"], actor: national)
        #expect(try await test.warden.canvass.partySurvey() == survey)

        let constituency = try #require(try await test.warden.areas.all().first { $0.code == "C" })
        let campaign = try await test.warden.canvass.createCampaign(NewCampaign(
            name: "Spring", areaIDs: [constituency.id], startsOn: Timestamp.now.date, endsOn: Timestamp.now.date,
            survey: try survey.asking(["Buses"])), actor: .localOperator)
        #expect(campaign.survey.parties == ["Labour", "Green", "Independent"] && campaign.survey.issues == ["Buses"])
        // A campaign asking from another set (the standard one) is refused, saying where the issues come from.
        do {
            _ = try await test.warden.canvass.createCampaign(NewCampaign(
                name: "Old survey", areaIDs: [constituency.id], startsOn: Timestamp.now.date, endsOn: Timestamp.now.date), actor: .localOperator)
            Issue.record("a campaign with another survey was created")
        } catch WardenError.invalidRequest(let why) {
            #expect(why.contains("Potholes, Buses, Schools"))
        }
        // The campaign already running keeps its survey.
        #expect(try await test.warden.canvass.campaign(before.campaignID).survey == .standard)

        let local = try await test.actor("local")
        let organiser = try await test.actor("organiser")
        for actor in [local, organiser] {
            await #expect(throws: WardenError.self) {
                _ = try await test.warden.canvass.setPartySurvey(parties: ["Mine"], issues: [], actor: actor)
            }
            let audit = try await test.warden.accounts.recentAudit(actor: .localOperator, limit: 1)
            #expect(audit.first?.outcome == .refused && audit.first?.actor == actor.label)
        }
        #expect(try await test.warden.canvass.partySurvey() == survey)
    }

    @Test func aSurveyIsChecked() throws {
        #expect(throws: WardenError.self) { try Survey.party(parties: [], issues: ["Buses"]) }
        #expect(throws: WardenError.self) { try Survey.party(parties: ["Labour", "Labour"], issues: []) }
        #expect(throws: WardenError.self) { try Survey.party(parties: ["Won't vote"], issues: []) }
        #expect(throws: WardenError.self) { try Survey.party(parties: ["Labour"], issues: [String(repeating: "x", count: 41)]) }
        #expect(throws: WardenError.self) { try Survey.party(parties: ["Lab\u{202E}our"], issues: []) }
        #expect(try Survey.party(parties: ["  Labour  "], issues: []).parties == ["Labour"])
    }
}
