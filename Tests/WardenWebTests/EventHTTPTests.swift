import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// An event's public page on the web: no session, no names, one confirmation email, a link
/// whose GET only shows a button, a cancel that only a POST does, a members-only event that
/// takes no reply, and a flood from one client refused.
@Suite("Events over HTTP")
struct EventHTTPTests {
    static func form(_ email: String, forename: String = "Vic") -> String {
        "forenames=\(forename)&surname=Stone&email=\(email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
    }

    static func event(_ harness: WebHarness, capacity: Int = 1, access: EventAccess = .public) async throws -> Event {
        let area = try #require(try await harness.test.warden.areas.all().first { $0.code == "W1" }?.id)
        let starts = Timestamp.now.adding(days: 2)
        return try await harness.test.warden.events.create(EventDetails(
            title: "Hustings <b>night</b>", description: "Questions to the candidates", place: "Fellwick Town Hall", areaID: area,
            starts: starts, ends: starts.adding(seconds: 7_200), capacity: capacity, access: access), actor: .localOperator)
    }

    @Test func thePublicPageNeedsNoSessionAndOnlyPostsConfirmOrCancel() async throws {
        let harness = try await WebHarness.make()
        let event = try await Self.event(harness)
        let page = "/events/\(event.id)"
        try await harness.run { client in
            try await client.execute(uri: page, method: .get) { response in
                #expect(response.status == .ok && response.text.contains("Fellwick Town Hall") && response.text.contains("Places left</dt><dd>1"))
                #expect(response.text.contains("Hustings &lt;b&gt;night"), "the organiser's words are escaped")
            }
            try await client.execute(uri: page, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: Self.form("vic@example.org"))) { response in
                #expect(response.status == .ok && response.text.contains("Check your email"))
            }
            try await client.execute(uri: page, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: Self.form("not-an-address", forename: "Kept"))) { response in
                #expect(response.status == .badRequest && response.text.contains("email: not an email address") && response.text.contains(#"value="Kept""#))
            }
            let lines = try harness.test.sqlValues("SELECT body FROM outbox WHERE recipient = 'vic@example.org'")
            let link = try #require(lines.first { $0.contains("/events/rsvp/") })
            let path = "/events/rsvp/" + String(try #require(link.split(separator: "/").last))
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok && response.text.contains(#"action="\#(path)""#))
            }
            #expect(try harness.test.sqlValues("SELECT COUNT(*) FROM event_rsvp") == ["0"], "a link scanner's GET confirms nothing")
            try await client.execute(uri: path, method: .post) { response in
                #expect(response.status == .ok && response.text.contains("You have a place") && response.text.contains(#"action="\#(path)/cancel""#))
            }
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok && response.text.contains("going") && response.text.contains("Cancel my reply"))
            }
            #expect(try harness.test.sqlValues("SELECT state FROM event_rsvp") == ["going"], "a link scanner's GET cancels nothing")
            try await client.execute(uri: page, method: .get) { response in
                #expect(response.text.contains("Places left</dt><dd>0") && !response.text.contains("Vic"), "numbers, never names")
            }
            try await client.execute(uri: path + "/cancel", method: .post) { response in
                #expect(response.status == .ok && response.text.contains("Your reply is cancelled"))
            }
            #expect(try harness.test.sqlValues("SELECT state FROM event_rsvp") == ["cancelled"])
            try await client.execute(uri: "/events/rsvp/unknown", method: .post) { #expect($0.status == .notFound) }
        }
    }

    @Test func aSignedInMemberRepliesFromTheirAccount() async throws {
        let harness = try await WebHarness.make()
        let members = try await Self.event(harness, access: .membersOnly)
        try await harness.run { client in
            let member = try await harness.token(client, "member")
            let organiser = try await harness.token(client, "organiser")
            _ = try await client.call(.post, "/api/v1/events/\(members.id)/reply", token: organiser, expect: .forbidden)
            let replied = try await client.call(.post, "/api/v1/events/\(members.id)/reply", token: member, expect: .ok)
            #expect(replied.json["state"] as? String == "going")
            _ = try await client.call(.post, "/api/v1/events/999/reply", token: member, expect: .notFound)
        }
        #expect(try harness.test.sqlValues("SELECT state, source FROM event_rsvp") == ["going|member"])
    }

    @Test func aMemberRepliesOnThePageWithItsButton() async throws {
        let harness = try await WebHarness.make()
        let members = try await Self.event(harness, access: .membersOnly)
        try await harness.run { client in
            let (cookie, csrf, _) = try await client.signInPage("member", code: nil, page: "/events/\(members.id)/reply")
            try await client.execute(uri: "/events/\(members.id)/reply", method: .get, headers: [.cookie: "warden_session=\(cookie)"]) { response in
                #expect(response.status == .ok && response.text.contains("Reply as a member") && !csrf.isEmpty)
            }
            try await client.execute(uri: "/events/\(members.id)/reply", method: .post,
                                     headers: [.cookie: "warden_session=\(cookie)", .contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "csrf=\(csrf)")) { response in
                #expect(response.status == .ok && response.text.contains("You have a place") && response.text.contains("/cancel"))
            }
        }
        #expect(try harness.test.sqlValues("SELECT state, source FROM event_rsvp") == ["going|member"])
    }

    @Test func aMembersOnlyEventTakesNoPublicReplyAndAFloodIsRefused() async throws {
        let harness = try await WebHarness.make()
        let members = try await Self.event(harness, access: .membersOnly)
        let open = try await Self.event(harness, capacity: 50)
        try await harness.run { client in
            try await client.execute(uri: "/events/\(members.id)", method: .get) { response in
                #expect(response.status == .ok && response.text.contains("members only") && !response.text.contains(#"name="email""#))
                #expect(response.text.contains(#"href="/events/\#(members.id)/reply""#))
            }
            try await client.execute(uri: "/events/\(members.id)", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: Self.form("m@example.org"))) { #expect($0.status == .forbidden) }
            for i in 1...EventPolicy.requestsPerClient {
                try await client.execute(uri: "/events/\(open.id)", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: Self.form("v\(i)@example.org"))) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/events/\(open.id)", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: Self.form("v99@example.org"))) { #expect($0.status == .tooManyRequests) }
        }
        #expect(try harness.test.sqlValues("SELECT COUNT(*) FROM outbox WHERE recipient LIKE 'v%@example.org' OR recipient = 'm@example.org'")
            == ["\(EventPolicy.requestsPerClient)"])
    }
}
