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
}
