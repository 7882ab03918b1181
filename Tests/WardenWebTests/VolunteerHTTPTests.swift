import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WardenCore
import WardenTestSupport

/// The public volunteer form on the web: no session, one confirmation email, a link whose GET
/// only shows a button, and a flood from one client refused.
@Suite("Volunteers over HTTP")
struct VolunteerHTTPTests {
    static func form(_ email: String, forename: String = "Vic") -> String {
        "forenames=\(forename)&surname=Stone&email=\(email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            + "&area=W1&skill=canvassing&skill=driving&availability=weekends&email_consent=Y"
    }

    @Test func theFormNeedsNoSessionAndOnlyTheLinksPostConfirms() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            try await client.execute(uri: "/volunteer", method: .get) { response in
                #expect(response.status == .ok && response.text.contains("Volunteer with us") && response.text.contains("North Ward"))
            }
            try await client.execute(uri: "/volunteer", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: Self.form("vic@example.org"))) { response in
                #expect(response.status == .ok && response.text.contains("Check your email"))
            }
            try await client.execute(uri: "/volunteer", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: Self.form("not-an-address", forename: "Kept"))) { response in
                #expect(response.status == .badRequest && response.text.contains("email: not an email address") && response.text.contains(#"value="Kept""#))
            }
            let lines = try harness.test.sqlValues("SELECT body FROM outbox WHERE recipient = 'vic@example.org'")
            let link = try #require(lines.first { $0.contains("/volunteer/confirm/") })
            let path = "/volunteer/confirm/" + String(try #require(link.split(separator: "/").last))
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok && response.text.contains(#"action="\#(path)""#))
            }
            #expect(try harness.test.sqlValues("SELECT COUNT(*) FROM volunteer") == ["0"], "a link scanner's GET confirms nothing")
            try await client.execute(uri: path, method: .post) { response in
                #expect(response.status == .ok && response.text.contains("You are signed up as a volunteer"))
            }
            #expect(try harness.test.sqlValues("SELECT status, skills FROM volunteer") == ["new|canvassing,driving"])
            try await client.execute(uri: path, method: .post) { response in
                #expect(response.status == .notFound, "a link works once")
            }
        }
    }

    @Test func aFloodFromOneClientIsRefused() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            for i in 1...VolunteerPolicy.signUpsPerClient {
                try await client.execute(uri: "/volunteer", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: Self.form("v\(i)@example.org"))) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/volunteer", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: Self.form("v99@example.org"))) { #expect($0.status == .tooManyRequests) }
        }
        #expect(try harness.test.sqlValues("SELECT COUNT(*) FROM outbox WHERE recipient LIKE 'v%@example.org'") == ["\(VolunteerPolicy.signUpsPerClient)"])
    }

    /// Follows the newest confirmation link to `address` by its POST.
    static func confirm(_ address: String, _ client: some TestClientProtocol, _ harness: WebHarness) async throws {
        let lines = try harness.test.sqlValues("SELECT body FROM outbox WHERE recipient = '\(address)' ORDER BY id DESC")
        let link = try #require(lines.first { $0.contains("/volunteer/confirm/") })
        try await client.execute(uri: "/volunteer/confirm/" + String(try #require(link.split(separator: "/").last)), method: .post) { #expect($0.status == .ok) }
    }

    @Test func anOrganiserFiltersMovesAndAsksForAnAccountThatAnAdministratorOpens() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            try await client.execute(uri: "/volunteer", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: Self.form("vic@example.org"))) { #expect($0.status == .ok) }
            try await Self.confirm("vic@example.org", client, harness)
            let person = try #require(try harness.test.sqlValues("SELECT person_id FROM volunteer").first)

            let organiser = try await harness.token(client, "organiser")
            let canvasser = try await harness.token(client, "canvasser")
            let listed = try await client.call(.get, "/api/v1/volunteers?skill=driving", token: organiser, expect: .ok)
            #expect((listed.json["volunteers"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Vic Stone"])
            let none = try await client.call(.get, "/api/v1/volunteers?skill=social_media", token: organiser, expect: .ok)
            #expect((none.json["volunteers"] as? [Any])?.isEmpty == true)
            _ = try await client.call(.get, "/api/v1/volunteers?skill=juggling", token: organiser, expect: .badRequest)
            _ = try await client.call(.get, "/api/v1/volunteers", token: canvasser, expect: .forbidden)
            _ = try await client.call(.patch, "/api/v1/volunteers/\(person)", token: canvasser, #"{"status":"active"}"#, expect: .forbidden)
            let moved = try await client.call(.patch, "/api/v1/volunteers/\(person)", token: organiser, #"{"status":"active","skills":["driving"]}"#, expect: .ok)
            #expect(moved.json["status"] as? String == "active" && (moved.json["skills"] as? [String]) == ["driving"])
            _ = try await client.call(.patch, "/api/v1/volunteers/\(person)", token: organiser, #"{"status":"new"}"#, expect: .conflict)

            // The page, for a second organiser of the ward (a code signs in once): filters, a
            // status form, and the request for an account.
            try await harness.test.account("organiser2", .organiser, areaCode: "W1")
            let (cookie, csrf, _) = try await StaffPagesTests.signIn(client, harness, "organiser2", page: "/volunteers")
            let (status, html) = try await StaffPagesTests.page(client, "/volunteers?status=active", cookie: cookie)
            #expect(status == .ok && html.contains("Vic Stone") && html.contains("1 volunteer (active)") && html.contains(#"<option value="lapsed">"#))
            let asked = try await StaffPagesTests.post(client, "/volunteers/\(person)/canvasser-account", cookie: cookie, form: "csrf=\(csrf)&username=vic.stone")
            #expect(asked.status == .seeOther && asked.location == "/volunteers?done=asked")
            #expect(try await StaffPagesTests.page(client, "/volunteers?done=asked", cookie: cookie).html.contains("an administrator opens the account"))

            // The administrator sees the request (no name) and opens it.
            let admin = try await harness.token(client, "admin")
            let asks = try await client.call(.get, "/api/v1/canvasser-accounts", token: admin, expect: .ok)
            #expect(!asks.text.contains("Vic") && asks.text.contains("vic.stone"))
            _ = try await client.call(.get, "/api/v1/canvasser-accounts", token: organiser, expect: .forbidden)
            _ = try await client.call(.post, "/api/v1/canvasser-accounts/vic.stone", token: organiser, #"{"password":"\#(TestWarden.password)"}"#, expect: .forbidden)
            let opened = try await client.call(.post, "/api/v1/canvasser-accounts/vic.stone", token: admin, #"{"password":"\#(TestWarden.password)"}"#, expect: .ok)
            #expect(opened.json["username"] as? String == "vic.stone")
            #expect(try harness.test.sqlValues("SELECT person_id FROM account WHERE username = 'vic.stone'") == [person])
            _ = try await client.call(.post, "/api/v1/canvasser-accounts/vic.stone", token: admin, #"{"password":"\#(TestWarden.password)"}"#, expect: .notFound)
        }
    }
}
