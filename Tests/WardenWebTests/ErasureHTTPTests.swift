import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport
import WardenWeb

@Suite("Erasure over HTTP")
struct ErasureHTTPTests {
    /// One DPO asks, the same DPO and every other role are refused, a second DPO approves and
    /// so erases; the erased member's own session ends with her account.
    @Test func aSecondOfficerCarriesOutWhatTheFirstAskedFor() async throws {
        let harness = try await WebHarness.make()
        try await harness.test.account("dpo2", .dataProtectionOfficer, areaCode: "C")
        let ann = try await harness.annID()
        try await harness.run { client in
            let dpo = try await harness.token(client, "dpo")
            let member = try await harness.token(client, "member")
            _ = try await client.call(.post, "/api/v1/erasures", token: dpo, #"{"person":\#(ann),"reason":" "}"#, expect: .badRequest)
            _ = try await client.call(.post, "/api/v1/erasures", token: dpo, #"{"person":99999,"reason":"asked"}"#, expect: .notFound)
            let asked = try await client.call(.post, "/api/v1/erasures", token: dpo,
                                              #"{"person":\#(ann),"reason":"letter of 1 December"}"#, expect: .created).json
            let id = try #require(asked["id"] as? Int)
            #expect(asked["state"] as? String == "awaiting_approval" && asked["suppress"] as? Bool == true)
            _ = try await client.call(.post, "/api/v1/erasures", token: dpo, #"{"person":\#(ann),"reason":"again"}"#, expect: .conflict)
            _ = try await client.call(.post, "/api/v1/erasures/\(id)/approve", token: dpo, expect: .forbidden)
            for username in ["member", "canvasser", "organiser", "secretary", "campaign"] {
                let token = try await harness.token(client, username)
                _ = try await client.call(.get, "/api/v1/erasures", token: token, expect: .forbidden)
                _ = try await client.call(.post, "/api/v1/erasures/\(id)/approve", token: token, expect: .forbidden)
                _ = try await client.call(.post, "/api/v1/erasures/\(id)/refuse", token: token, #"{"reason":"no"}"#, expect: .forbidden)
            }
            let second = try await harness.token(client, "dpo2")
            let done = try await client.call(.post, "/api/v1/erasures/\(id)/approve", token: second, expect: .ok).json
            #expect((done["erasure"] as? [String: Any])?["state"] as? String == "done")
            #expect((done["versionsRedacted"] as? Int ?? 0) > 0)
            _ = try await client.call(.post, "/api/v1/erasures/\(id)/approve", token: second, expect: .conflict)
            let listed = try await client.call(.get, "/api/v1/erasures", token: dpo, expect: .ok).json["erasures"] as? [[String: Any]]
            #expect(listed?.first?["decidedBy"] as? String == "dpo2")
            _ = try await client.call(.get, "/api/v1/people/\(ann)", token: dpo, expect: .notFound)
            _ = try await client.call(.get, "/api/v1/me/record", token: member, expect: .unauthorized)
        }
    }

    /// The pages: asking by form, a message after it, no Erase button for whoever asked; the
    /// second officer must tick that an erasure cannot be undone, then sees it done.
    @Test func thePagesAskConfirmAndSayWhatHappened() async throws {
        let harness = try await WebHarness.make()
        try await harness.test.account("dpo2", .dataProtectionOfficer, areaCode: "C")
        let bob = try await harness.personID("AA-2")
        try await harness.run { client in
            let (cookie, csrf, _) = try await client.signInPage("dpo", code: try await harness.test.code("dpo"), page: "/erasures")
            var form: HTTPFields = [.cookie: "warden_session=\(cookie)"]
            form[.contentType] = "application/x-www-form-urlencoded"
            let location = try await client.execute(uri: "/erasures", method: .post, headers: form,
                                                    body: ByteBuffer(string: "csrf=\(csrf)&person=\(bob)&reason=asked+at+the+door")) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            #expect(location.hasSuffix("?done=requested"))
            let path = String(location.prefix { $0 != "?" })
            try await client.execute(uri: location, method: .get, headers: [.cookie: "warden_session=\(cookie)"]) { response in
                #expect(response.text.contains("Erasure asked for."))
                #expect(!response.text.contains(">Erase</button>"))
                #expect(response.text.contains("A data protection officer other than whoever asked approves this erasure."))
            }

            let (cookie2, csrf2, _) = try await client.signInPage("dpo2", code: try await harness.test.code("dpo2"), page: path)
            var form2: HTTPFields = [.cookie: "warden_session=\(cookie2)"]
            form2[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(uri: path, method: .get, headers: [.cookie: "warden_session=\(cookie2)"]) { response in
                #expect(response.text.contains(">Erase</button>"))
            }
            try await client.execute(uri: "\(path)/approve", method: .post, headers: form2, body: ByteBuffer(string: "csrf=\(csrf2)")) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("tick the box"))
            }
            try await client.execute(uri: "\(path)/approve", method: .post, headers: form2,
                                     body: ByteBuffer(string: "csrf=\(csrf2)&understood=yes")) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "\(path)?done=erased")
            }
            try await client.execute(uri: "\(path)?done=erased", method: .get, headers: [.cookie: "warden_session=\(cookie2)"]) { response in
                #expect(response.text.contains("Erased. Their data is gone from every table"))
                #expect(response.text.contains("Erasure \(path.split(separator: "/").last ?? ""): Erased"))
            }
        }
    }

    /// The retention report: counts for the DPO on the page and the API, refused to others.
    @Test func theRetentionReportIsTheOfficers() async throws {
        let harness = try await WebHarness.make()
        try await harness.test.account("dpo2", .dataProtectionOfficer, areaCode: "C")
        try await harness.run { client in
            let dpo = try await harness.token(client, "dpo2")
            let report = try await client.call(.get, "/api/v1/retention", token: dpo, expect: .ok).json
            let lines = try #require((report["plan"] as? [String: Any])?["lines"] as? [[String: Any]])
            #expect(lines.count >= 5 && lines.allSatisfy { $0["people"] is Int && $0["rows"] is Int })
            #expect(report["lastRun"] == nil)
            _ = try await client.call(.get, "/api/v1/retention", token: try await harness.token(client, "organiser"), expect: .forbidden)
            let (cookie, _, _) = try await client.signInPage("dpo", code: try await harness.test.code("dpo"), page: "/retention")
            try await client.execute(uri: "/retention", method: .get, headers: [.cookie: "warden_session=\(cookie)"]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Nothing is past its period."))
                #expect(response.text.contains("Not applied yet"))
            }
        }
    }
}
