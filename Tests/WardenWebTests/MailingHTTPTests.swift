import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport
import WardenWeb

/// Mailings through the API and the pages, and the one-click unsubscribe: no answer to the
/// organiser who sends ever holds an address, and the unsubscribe needs no cookie.
@Suite("Mailings over HTTP")
struct MailingHTTPTests {
    @Test func anOrganisersSendNeverReturnsAnAddressAndOneClickNeedsNoSession() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let member = try await harness.token(client, "member")
            _ = try await client.call(.post, "/api/v1/me/record/contact", token: member, #"{"email":"ann@example.org","emailConsent":["email"]}"#, expect: .ok)
            let organiser = try await harness.token(client, "organiser")
            let canvasser = try await harness.token(client, "canvasser")
            let draft = #"{"areaCode":"W1","subject":"Saturday","body":"Dear {{first_name}}, come canvassing.","mailClass":"campaigning","audience":"members"}"#
            _ = try await client.call(.post, "/api/v1/mailings", token: canvasser, draft, expect: .forbidden)
            _ = try await client.call(.post, "/api/v1/mailings", token: member, draft, expect: .forbidden)
            _ = try await client.call(.post, "/api/v1/mailings", token: organiser, #"{"areaCode":"W1"}"#, expect: .badRequest)
            _ = try await client.call(.post, "/api/v1/mailings", token: organiser,
                                      #"{"areaCode":"W1","subject":"x","body":"{{password}}","mailClass":"campaigning","audience":"members"}"#, expect: .badRequest)
            var answers: [String] = []
            let created = try await client.call(.post, "/api/v1/mailings", token: organiser, draft, expect: .created)
            answers.append(created.text)
            let id = try #require(created.json["id"] as? Int)
            let preview = try await client.call(.get, "/api/v1/mailings/\(id)/preview", token: organiser, expect: .ok)
            answers.append(preview.text)
            #expect((preview.json["count"] as? [String: Any])?["emails"] as? Int == 1)
            #expect((preview.json["sampleBody"] as? String)?.hasPrefix("Dear Sam, come canvassing.") == true)
            _ = try await client.call(.get, "/api/v1/mailings/\(id)/preview", token: canvasser, expect: .forbidden)
            _ = try await client.call(.get, "/api/v1/mailings/\(id)", token: canvasser, expect: .forbidden)
            _ = try await client.call(.get, "/api/v1/mailings/\(id)", token: member, expect: .forbidden)
            answers.append(try await client.call(.post, "/api/v1/mailings/\(id)/submit", token: organiser, expect: .ok).text)
            let sent = try await client.call(.post, "/api/v1/mailings/\(id)/send", token: organiser, expect: .ok)
            answers.append(sent.text)
            #expect(sent.json["queued"] as? Int == 1)
            _ = try await client.call(.post, "/api/v1/mailings/\(id)/send", token: organiser, expect: .conflict)
            answers.append(try await client.call(.get, "/api/v1/mailings/\(id)", token: organiser, expect: .ok).text)
            answers.append(try await client.call(.get, "/api/v1/mailings", token: organiser, expect: .ok).text)
            for answer in answers { #expect(!answer.contains("@") && !answer.contains("Lee"), "\(answer)") }

            // The email carries its own link; a GET of it (a link scanner) unsubscribes no one.
            let link = try #require(try harness.test.sqlValues("SELECT list_unsubscribe FROM outbox WHERE recipient = 'ann@example.org'").first)
            let path = "/unsubscribe/" + String(try #require(link.split(separator: "/").last))
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok && response.text.contains(#"action="\#(path)""#))
            }
            #expect((try await client.call(.get, "/api/v1/suppression", token: organiser, expect: .ok).json["suppressed"] as? [String: Int]) == [:])
            // RFC 8058's POST, with no cookie and no sign-in.
            try await client.execute(uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "List-Unsubscribe=One-Click")) { response in
                #expect(response.status == .ok && response.text.contains("You are unsubscribed"))
            }
            #expect((try await client.call(.get, "/api/v1/suppression", token: organiser, expect: .ok).json["suppressed"] as? [String: Int]) == ["unsubscribed": 1])
            try await client.execute(uri: String(path.dropLast()) + (path.last == "0" ? "1" : "0"), method: .post) { response in
                #expect(response.status == .notFound)
            }
            _ = try await client.call(.get, "/api/v1/suppression", token: canvasser, expect: .forbidden)
            _ = try await client.call(.post, "/api/v1/suppression", token: canvasser, #"{"reason":"objected","addresses":["x@example.org"]}"#, expect: .forbidden)
            let refused = try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 5).first { $0.actor == "canvasser" }
            #expect(refused?.outcome == .refused && refused?.action == .mailing)
            #expect(try await client.call(.post, "/api/v1/suppression", token: organiser,
                                          #"{"reason":"objected","addresses":["ann@example.org"],"note":"phoned"}"#, expect: .ok).json["added"] as? Int == 0)
            _ = try await client.call(.get, "/api/v1/suppression/export", token: organiser, expect: .forbidden)
            let dpo = try await harness.token(client, "dpo")
            let export = try await client.call(.get, "/api/v1/suppression/export", token: dpo, expect: .ok)
            // The objection recorded after the unsubscribe strengthened the one entry.
            #expect(export.text.hasPrefix("hash,reason,since,source\r\n") && export.text.contains("\"objected\"") && !export.text.contains("\"unsubscribed\""))
        }
    }

    @Test func theOrganisersPagesWriteCountAndSend() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let (cookie, csrf, _) = try await client.signInPage("organiser", code: try await harness.test.code("organiser"), page: "/mailings")
            let headers: HTTPFields = [.cookie: "warden_session=\(cookie)", .contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/mailings", method: .get, headers: headers) { response in
                #expect(response.status == .ok && response.text.contains("Write a mailing") && response.text.contains("{{first_name}}"))
            }
            let form = "csrf=\(csrf)&area=W1&mailClass=service&audience=members&subject=AGM&body=The+AGM+is+on+3+March+in+%7B%7Barea%7D%7D."
            let location = try await client.execute(uri: "/mailings", method: .post, headers: headers, body: ByteBuffer(string: form)) { response in
                #expect(response.status == .seeOther || response.status == .found)
                return response.headers[.location] ?? ""
            }
            #expect(location.hasSuffix("?done=written"))
            try await client.execute(uri: location, method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("The mailing is saved as a draft"))
                #expect(response.text.contains("The AGM is on 3 March in North Ward."))
                #expect(response.text.contains("<th scope=\"row\">Emails a send queues now</th><td>1</td>"))
                #expect(!response.text.contains("ann@example.org"))
            }
            let id = String(location.split(separator: "/").last!.split(separator: "?").first!)
            for step in ["submit", "send"] {
                try await client.execute(uri: "/mailings/\(id)/\(step)", method: .post, headers: headers, body: ByteBuffer(string: "csrf=\(csrf)")) { response in
                    #expect(response.headers[.location]?.hasSuffix(step == "submit" ? "?done=submitted" : "?done=sent") == true)
                }
            }
            // A form without the session's token is refused.
            try await client.execute(uri: "/mailings/\(id)/withdraw", method: .post, headers: headers, body: ByteBuffer(string: "csrf=forged")) { response in
                #expect(response.status == .forbidden)
            }
            #expect(try harness.test.sqlValues("SELECT COUNT(*) FROM outbox WHERE mailing_recipient_id IS NOT NULL") == ["1"])
        }
    }
}
