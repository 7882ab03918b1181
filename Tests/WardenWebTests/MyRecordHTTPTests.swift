import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport
import WardenWeb

/// A member's own page: their record, their contact details and consents, their own package,
/// who looked at their record, and resigning; and nobody else's record through any of it.
@Suite("My record")
struct MyRecordHTTPTests {
    @Test func aMemberSeesCorrectsAndDownloadsTheirOwnRecordOnly() async throws {
        let harness = try await WebHarness.make()
        let ann = try await harness.annID()
        let cat = try await harness.catID()
        try await harness.run { client in
            let member = try await harness.token(client, "member")
            let own = try await client.call(.get, "/api/v1/me/record", token: member, expect: .ok).json
            #expect(own["id"] as? Int == Int(ann))
            #expect(own["surname"] as? String == "Lee")

            let changed = try await client.call(.post, "/api/v1/me/record/contact", token: member,
                                         #"{"email":"ann.lee@example.net","emailConsent":["email"],"phone":"07700 900001","phoneConsent":["sms"]}"#,
                                         expect: .ok).json
            #expect(changed["changed"] as? Bool == true)
            #expect(changed["notices"] as? Int == 0)  // their own change: notices are for changes by others
            _ = try await client.call(.post, "/api/v1/me/record/contact", token: member, #"{"email":"ann@example.org","emailConsent":["post"]}"#,
                               expect: .badRequest)
            let after = try await client.call(.get, "/api/v1/me/record", token: member, expect: .ok).json
            let emails = after["emails"] as? [[String: Any]]
            #expect(emails?.first?["value"] as? String == "ann.lee@example.net")
            #expect(emails?.first?["consent"] as? [String] == ["email"])
            #expect((after["phones"] as? [[String: Any]])?.first?["consent"] as? [String] == ["sms"])

            // Someone else's record is refused, and the attempt is on the record, naming them.
            _ = try await client.call(.get, "/api/v1/people/\(cat)?purpose=self_service", token: member, expect: .notFound)
            let refused = try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 5)
                .first { $0.actor == "member" && $0.outcome == .refused }
            #expect(refused?.people == [PersonID(cat)])

            let tar = try await client.call(.get, "/api/v1/me/record/package", token: member, expect: .ok)
            #expect(tar.headers[.contentType] == "application/x-tar")
            let text = String(decoding: Data(tar.body.readableBytesView), as: UTF8.self)
            #expect(text.contains("subject-access.json") && text.contains("ann.lee@example.net"))
            // Quoted, spaced or with an `@`, so a base64 signature in the checkpoint cannot match by chance.
            for other in [#""Bob""#, "Bob Lee", #""Ray""#, "Cat Ray", "cat@example.org"] {
                #expect(!text.contains(other), "the package names someone else: \(other)")
            }
            let logged = try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 5)
                .first { $0.actor == "member" && $0.detail == "subject access: own record" }
            #expect(logged?.purpose == .selfService && logged?.people == [PersonID(ann)])

            let views = try await client.call(.get, "/api/v1/me/record/consultations", token: member, expect: .ok).json
            let rows = try #require(views["consultations"] as? [[String: Any]])
            #expect(rows.contains { $0["action"] as? String == "write" && $0["role"] as? String == "Member" })
            #expect(rows.allSatisfy { $0["reader"] == nil })

            let organiser = try await harness.token(client, "organiser")
            _ = try await client.call(.get, "/api/v1/me/record", token: organiser, expect: .forbidden)
            _ = try await client.call(.get, "/api/v1/me/record/package", token: organiser, expect: .forbidden)
        }
    }

    @Test func resigningTakesEffectAtOnceAndEndsAccessAtTheNextRequest() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let member = try await harness.token(client, "member")
            let moved = try await client.call(.post, "/api/v1/me/resign", token: member, #"{"reason":"moving abroad"}"#, expect: .ok).json
            #expect(moved["from"] as? String == "active" && moved["to"] as? String == "resigned")
            _ = try await client.call(.get, "/api/v1/me/record", token: member, expect: .forbidden)
            let write = try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 10)
                .first { $0.actor == "member" && $0.action == .write }
            #expect(write?.purpose == .selfService && write?.detail.hasPrefix("membership resigned (moving abroad)") == true)
            #expect(write?.versions != nil)
        }
    }

    @Test func aMemberLandsOnTheirRecordAndUsesItsForms() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let (cookie, _, landing) = try await client.signInPage("member", code: nil, page: "/me/record")
            #expect(landing == "/me/record")
            let headers: HTTPFields = [.cookie: "warden_session=\(cookie)"]
            var form = headers
            form[.contentType] = "application/x-www-form-urlencoded"
            let sessionCSRF = try await client.execute(uri: "/me/record", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("My record"))
                #expect(response.text.contains(#"value="ann@example.org""#))
                return hiddenCSRF(in: response.text) ?? ""
            }
            try await client.execute(uri: "/me/record/contact", method: .post, headers: form,
                                     body: ByteBuffer(string: "csrf=\(sessionCSRF)&email=ann%40example.org&consentEmail=on&phone=07700+900002&consentCall=on&postal=")) { response in
                #expect(response.headers[.location] == "/me/record?done=contact")
            }
            try await client.execute(uri: "/me/record?done=contact", method: .get, headers: headers) { response in
                #expect(response.text.contains("Your contact details are changed."))
                #expect(response.text.contains(#"value="07700900002""#))
            }
            try await client.execute(uri: "/me/record/views", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Who looked at my record"))
            }
            try await client.execute(uri: "/me/record/resign", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(sessionCSRF)&reason=")) { response in
                #expect(response.status == .badRequest)  // the box was not ticked
            }
            try await client.execute(uri: "/me/record/resign", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(sessionCSRF)&confirm=on")) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("You have resigned"))
            }
            try await client.execute(uri: "/me/record", method: .get, headers: headers) { response in
                #expect(response.status != .ok)
            }
        }
    }
}
