import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport
import WardenWeb

@Suite("Subject access over HTTP")
struct SubjectAccessHTTPTests {
    /// Only the DPO handles cases; every other role is refused on every route, on the record.
    @Test func everyRouteIsTheOfficersAlone() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let dpo = try await harness.token(client, "dpo")
            let opened = try await client.call(.post, "/api/v1/sar", token: dpo, #"{"requester":"Ann Lee","channel":"email"}"#, expect: .created).json
            let id = try #require(opened["id"] as? Int)
            #expect(opened["state"] as? String == "received")
            #expect(opened["daysLeft"] as? Int ?? 0 >= 28)
            for username in ["member", "canvasser", "organiser", "secretary", "campaign"] {
                let token = try await harness.token(client, username)
                _ = try await client.call(.get, "/api/v1/sar", token: token, expect: .forbidden)
                _ = try await client.call(.post, "/api/v1/sar", token: token, #"{"requester":"X","channel":"post"}"#, expect: .forbidden)
                _ = try await client.call(.get, "/api/v1/sar/\(id)", token: token, expect: .forbidden)
                _ = try await client.call(.post, "/api/v1/sar/\(id)/steps", token: token, #"{"step":"close"}"#, expect: .forbidden)
                _ = try await client.call(.get, "/api/v1/sar/\(id)/candidates?name=lee&postcode=TN1%201AA", token: token, expect: .forbidden)
                _ = try await client.call(.post, "/api/v1/sar/\(id)/package", token: token, #"{"passphrase":"heron kettle autumn 42"}"#, expect: .forbidden)
            }
            let refused = try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 40)
                .filter { $0.outcome == .refused && $0.purpose == .subjectAccess }
            #expect(refused.count == 30)
        }
    }

    @Test func theOfficerTakesACaseFromOpeningToClosingThroughTheAPI() async throws {
        let harness = try await WebHarness.make()
        let ann = try await harness.annID()
        try await harness.run { client in
            let dpo = try await harness.token(client, "dpo")
            let id = try #require(try await client.call(.post, "/api/v1/sar", token: dpo,
                                                 #"{"requester":"Ann Lee","channel":"post","received":"\#(Timestamp.now.date)"}"#, expect: .created).json["id"] as? Int)
            let found = try await client.call(.get, "/api/v1/sar/\(id)/candidates?name=lee&email=ann@example.org", token: dpo, expect: .ok).json
            let people = try #require(found["people"] as? [[String: Any]])
            #expect(people.compactMap { $0["id"] as? Int } == [Int(ann)])
            _ = try await client.call(.get, "/api/v1/sar/\(id)/candidates?name=lee", token: dpo, expect: .badRequest)
            _ = try await client.call(.post, "/api/v1/sar/\(id)/steps", token: dpo, #"{"step":"prepare"}"#, expect: .conflict)
            _ = try await client.call(.post, "/api/v1/sar/\(id)/steps", token: dpo, #"{"step":"verify_identity"}"#, expect: .badRequest)
            for body in [#"{"step":"verify_identity","method":"signed letter, address matches the register"}"#,
                         #"{"step":"confirm_subjects","people":[\#(ann)]}"#, #"{"step":"prepare"}"#,
                         #"{"step":"send","how":"posted, recorded delivery"}"#] {
                _ = try await client.call(.post, "/api/v1/sar/\(id)/steps", token: dpo, body, expect: .ok)
            }
            let sealed = try await client.call(.post, "/api/v1/sar/\(id)/package", token: dpo, #"{"passphrase":"heron kettle autumn 42"}"#, expect: .ok)
            #expect(sealed.headers[.contentType] == "application/octet-stream")
            #expect(String(buffer: sealed.body).hasPrefix("age-encryption.org/v1\n-> scrypt "))
            _ = try await client.call(.post, "/api/v1/sar/\(id)/package", token: dpo, #"{"passphrase":"short"}"#, expect: .badRequest)
            let sent = try await client.call(.get, "/api/v1/sar/\(id)", token: dpo, expect: .ok).json
            #expect(sent["state"] as? String == "sent")
            #expect(sent["subjects"] as? [Int] == [Int(ann)])
            #expect(sent["daysLeft"] == nil)
            _ = try await client.call(.post, "/api/v1/sar/\(id)/steps", token: dpo, #"{"step":"close"}"#, expect: .ok)
            let owed = try await client.call(.get, "/api/v1/sar", token: dpo, expect: .ok).json["cases"] as? [Any]
            #expect(owed?.isEmpty == true)
            let every = try await client.call(.get, "/api/v1/sar?all=true", token: dpo, expect: .ok).json["cases"] as? [[String: Any]]
            #expect(every?.first?["state"] as? String == "closed")
        }
    }

    /// The DPO's pages: the dashboard, opening a case by form, the search for the requester
    /// and confirming two records of theirs by ticking them; a message after each action.
    @Test func theOfficersPagesOpenSearchAndConfirm() async throws {
        let harness = try await WebHarness.make()
        let ann = try await harness.annID()
        let bob = try await harness.personID("AA-2")
        try await harness.run { client in
            let (cookie, csrf, _) = try await client.signInPage("dpo", code: try await harness.test.code("dpo"), page: "/sar")
            let headers: HTTPFields = [.cookie: "warden_session=\(cookie)"]
            var form = headers
            form[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(uri: "/sar", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("No case is owed an answer."))
            }
            let location = try await client.execute(
                uri: "/sar", method: .post, headers: form,
                body: ByteBuffer(string: "csrf=\(csrf)&requester=%3Cb%3EAnn%3C%2Fb%3E+Lee&channel=post&received=\(Timestamp.now.date)")
            ) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            #expect(location.hasSuffix("?done=opened"))
            let casePath = String(location.prefix { $0 != "?" })
            try await client.execute(uri: location, method: .get, headers: headers) { response in
                #expect(response.text.contains("Case opened."))
                #expect(response.text.contains("&lt;b&gt;Ann&lt;/b&gt; Lee"))
                #expect(!response.text.contains("<b>Ann</b>"))
            }
            try await client.execute(uri: "\(casePath)?name=Lee&postcode=TN1+1AA", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(#"name="people[]" value="\#(ann)""#))
                #expect(response.text.contains(#"name="people[]" value="\#(bob)""#))
            }
            try await client.execute(
                uri: "\(casePath)/steps", method: .post, headers: form,
                body: ByteBuffer(string: "csrf=\(csrf)&step=confirm_subjects&people%5B%5D=\(ann)&people%5B%5D=\(bob)")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "\(casePath)?done=confirm_subjects")
            }
            try await client.execute(uri: "\(casePath)?done=confirm_subjects", method: .get, headers: headers) { response in
                #expect(response.text.contains("Done: confirm subjects."))
                #expect(response.text.contains("\(min(ann, bob)), \(max(ann, bob))"))
            }
            try await client.execute(uri: "\(casePath)/steps", method: .post, headers: form, body: ByteBuffer(string: "csrf=wrong&step=close")) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/sar", method: .get, headers: headers) { response in
                #expect(response.text.contains("days left"))
            }
        }
    }
}
