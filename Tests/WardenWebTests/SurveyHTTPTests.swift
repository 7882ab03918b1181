import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// The party's survey on the web: a campaign manager over the whole party defines it on the
/// canvass page, and the campaign form then offers its issues; an organiser neither sees the
/// form nor may post it.
@Suite struct SurveyHTTPTests {
    @Test func aWholePartyCampaignManagerDefinesTheSurveyOnTheCanvassPage() async throws {
        let harness = try await WebHarness.make()
        try await harness.test.account("national", .campaignManager, areaCode: "E")
        try await harness.run { client in
            let (cookie, csrf, _) = try await StaffPagesTests.signIn(client, harness, "national", page: "/canvass")
            let page = try await StaffPagesTests.page(client, "/canvass", cookie: cookie).html
            #expect(page.contains(#"<form method="post" action="/canvass/survey""#))
            let form = "csrf=\(csrf)&parties=Labour%0D%0AGreen%0D%0A&issues=Potholes%0D%0ABuses"
            let saved = try await StaffPagesTests.post(client, "/canvass/survey", cookie: cookie, form: form)
            #expect(saved.location == "/canvass?done=survey")
            let after = try await StaffPagesTests.page(client, "/canvass?done=survey", cookie: cookie).html
            #expect(after.contains("The party&#39;s survey is saved."))
            #expect(after.contains(#"name="issue" value="Potholes" checked"#) && !after.contains(#"value="Housing""#))
            let bad = try await StaffPagesTests.post(client, "/canvass/survey", cookie: cookie, form: "csrf=\(csrf)&parties=&issues=Buses")
            #expect(bad.status == .badRequest)
        }
        #expect(try await harness.test.warden.canvass.partySurvey().issues == ["Potholes", "Buses"])
    }

    @Test func anOrganiserNeitherSeesNorPostsTheSurveyForm() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let (cookie, csrf, _) = try await StaffPagesTests.signIn(client, harness, "organiser", page: "/canvass")
            #expect(!(try await StaffPagesTests.page(client, "/canvass", cookie: cookie).html.contains("/canvass/survey")))
            let refused = try await StaffPagesTests.post(client, "/canvass/survey", cookie: cookie, form: "csrf=\(csrf)&parties=Mine&issues=")
            #expect(refused.status == .forbidden)
        }
        #expect(try await harness.test.warden.canvass.partySurvey() == .standard)
    }
}
