import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport
import WardenWeb

@Suite("Incidents over HTTP")
struct IncidentHTTPTests {
    /// The DPO opens an incident through the API, reads its findings and report, writes a
    /// phase; every other role is refused.
    @Test func theOfficerAssessesAnIncidentThroughTheAPI() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let dpo = try await harness.token(client, "dpo")
            let organiser = try await harness.token(client, "organiser")
            _ = try await client.call(.get, "/api/v1/people?q=Lee", token: organiser, expect: .ok)
            _ = try await client.call(.post, "/api/v1/incidents", token: dpo, #"{"title":"x","scope":{"actors":[],"areas":[]}}"#, expect: .badRequest)
            _ = try await client.call(.post, "/api/v1/incidents", token: dpo, #"{"title":"x","scope":{"actors":["nobody"],"areas":[]}}"#, expect: .notFound)
            let opened = try await client.call(.post, "/api/v1/incidents", token: dpo,
                                               #"{"title":"An organiser's laptop was stolen","scope":{"actors":["organiser"],"areas":["W1"]}}"#,
                                               expect: .created).json
            let id = try #require(opened["id"] as? Int)
            let assessed = try await client.call(.get, "/api/v1/incidents/\(id)", token: dpo, expect: .ok).json
            let findings = try #require(assessed["findings"] as? [String: Any])
            #expect(findings["people"] as? Int ?? 0 >= 1)
            #expect((assessed["hoursLeft"] as? Int ?? 0) >= 71)
            let report = try await client.call(.get, "/api/v1/incidents/\(id)/report", token: dpo, expect: .ok)
            #expect(String(buffer: report.body).contains("Personal data breach report (UK GDPR Art. 33)"))
            let phased = try await client.call(.post, "/api/v1/incidents/\(id)/phases", token: dpo,
                                               #"{"nature":"a laptop with a session open","consequences":"names and addresses seen","measures":"sessions ended"}"#,
                                               expect: .ok).json
            #expect((phased["phases"] as? [Any])?.count == 1)
            let draft = try await client.call(.get, "/api/v1/incidents/\(id)/notice", token: dpo, expect: .ok).json
            #expect((draft["body"] as? String)?.contains("sessions ended") == true)
            for username in ["member", "canvasser", "organiser", "secretary", "campaign"] {
                let token = username == "organiser" ? organiser : try await harness.token(client, username)
                _ = try await client.call(.get, "/api/v1/incidents", token: token, expect: .forbidden)
                _ = try await client.call(.get, "/api/v1/incidents/\(id)", token: token, expect: .forbidden)
                _ = try await client.call(.get, "/api/v1/incidents/\(id)/report", token: token, expect: .forbidden)
            }
        }
    }

    /// The pages: opening by form with a date the browser sends, the findings and the report
    /// shown, a message after each action; a bad date says what it wants.
    @Test func thePagesOpenAnIncidentAndShowItsClockAndFindings() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            // A read in the incident's area and window: someone is affected.
            _ = try await client.call(.get, "/api/v1/people?q=Lee", token: try await harness.token(client, "organiser"), expect: .ok)
            let (cookie, csrf, _) = try await client.signInPage("dpo", code: try await harness.test.code("dpo"), page: "/incidents")
            var form: HTTPFields = [.cookie: "warden_session=\(cookie)"]
            form[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(uri: "/incidents", method: .post, headers: form,
                                     body: ByteBuffer(string: "csrf=\(csrf)&title=Test&areas=W1&from=not-a-date")) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("from: a date such as 2026-11-30"))
            }
            let location = try await client.execute(
                uri: "/incidents", method: .post, headers: form,
                body: ByteBuffer(string: "csrf=\(csrf)&title=Sheets+left+on+a+train&areas=W1&from=\(Timestamp.now.date)&to=\(Timestamp.now.date)")
            ) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            #expect(location.hasSuffix("?done=opened"))
            try await client.execute(uri: location, method: .get, headers: [.cookie: "warden_session=\(cookie)"]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Incident opened."))
                #expect(response.text.contains("report due in 7"))
                #expect(response.text.contains("<h3>People affected</h3>"), "the table of who was affected is shown")
                #expect(response.text.contains("Personal data breach report (UK GDPR Art. 33)"))
            }
        }
    }
}
