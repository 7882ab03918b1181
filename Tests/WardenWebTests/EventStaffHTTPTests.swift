import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// The organisers' events through the API and the pages: numbers and never names, except
/// what the door's search found; another ward's organiser and a canvasser are refused.
@Suite("Events for organisers over HTTP")
struct EventStaffHTTPTests {
    static let create = """
        {"title":"Canvass briefing","place":"Fellwick Library","areaCode":"W1","starts":"2030-06-01T10:00:00Z","ends":"2030-06-01T12:00:00Z",\
        "capacity":1,"access":"public"}
        """

    /// Replies from the public form and follows the emailed link, as the person would.
    static func rsvp(_ event: EventID, _ email: String, _ test: TestWarden, forenames: String) async throws {
        try await test.warden.events.requestRSVP(EventRSVPRequest(eventID: event, forenames: forenames, surname: "Stone", email: email, emailConsent: false),
                                                 client: "192.0.2.1")
        let lines = try test.sqlValues("SELECT body FROM outbox WHERE recipient = '\(email)' ORDER BY id DESC LIMIT 1")
        let link = try #require(lines.first { $0.contains("/events/rsvp/") })
        try await test.warden.events.confirmRSVP(token: String(try #require(link.split(separator: "/").last)))
    }

    @Test func theAPIGivesNumbersAndTheDoorFindsOnlyReplies() async throws {
        let harness = try await WebHarness.make()
        try await harness.test.account("southorg", .organiser, areaCode: "W2")
        try await harness.run { client in
            let organiser = try await harness.token(client, "organiser")
            let south = try await harness.token(client, "southorg")
            let canvasser = try await harness.token(client, "canvasser")
            _ = try await client.call(.post, "/api/v1/events", token: canvasser, Self.create, expect: .forbidden)
            _ = try await client.call(.post, "/api/v1/events", token: south, Self.create, expect: .forbidden)
            let created = try await client.call(.post, "/api/v1/events", token: organiser, Self.create, expect: .created)
            let id = try #require(created.json["id"] as? Int)
            try await Self.rsvp(EventID(Int64(id)), "vic@example.org", harness.test, forenames: "Vic")
            try await Self.rsvp(EventID(Int64(id)), "val@example.org", harness.test, forenames: "Val")

            let shown = try await client.call(.get, "/api/v1/events/\(id)", token: organiser, expect: .ok)
            #expect((shown.json["numbers"] as? [String: Any])?["going"] as? Int == 1 && (shown.json["numbers"] as? [String: Any])?["waitlisted"] as? Int == 1)
            let listed = try await client.call(.get, "/api/v1/events", token: organiser, expect: .ok)
            for answer in [shown.text, listed.text] { #expect(!answer.contains("Stone") && !answer.contains("@"), "\(answer)") }
            _ = try await client.call(.get, "/api/v1/events/\(id)", token: south, expect: .forbidden)
            _ = try await client.call(.patch, "/api/v1/events/\(id)", token: south, #"{"capacity":2}"#, expect: .forbidden)
            _ = try await client.call(.patch, "/api/v1/events/\(id)", token: organiser, #"{"capacity":0}"#, expect: .badRequest)
            let changed = try await client.call(.patch, "/api/v1/events/\(id)", token: organiser, #"{"capacity":2}"#, expect: .ok)
            #expect((changed.json["details"] as? [String: Any])?["capacity"] as? Int == 2)
            let promoted = try await client.call(.get, "/api/v1/events/\(id)", token: organiser, expect: .ok)
            #expect((promoted.json["numbers"] as? [String: Any])?["going"] as? Int == 2, "the larger capacity gave the waiting a place")
            #expect(try harness.test.sqlValues("SELECT subject FROM outbox WHERE recipient = 'val@example.org' ORDER BY id DESC LIMIT 1")
                == ["A place has come up: Canvass briefing"])
            _ = try await client.call(.get, "/api/v1/events/\(id)/rsvps?name=vi", token: south, expect: .forbidden)
            _ = try await client.call(.get, "/api/v1/events/\(id)/rsvps?name=v", token: organiser, expect: .badRequest)

            let found = try await client.call(.get, "/api/v1/events/\(id)/rsvps?name=vic", token: organiser, expect: .ok)
            let rsvps = try #require(found.json["rsvps"] as? [[String: Any]])
            #expect(rsvps.count == 1 && rsvps.first?["name"] as? String == "Vic Stone")
            let member = try await client.call(.get, "/api/v1/events/\(id)/rsvps?name=ann", token: organiser, expect: .ok)
            #expect((member.json["rsvps"] as? [Any])?.isEmpty == true, "Ann Lee is a member, not a reply")
            let person = try #require(rsvps.first?["personID"] as? Int)
            _ = try await client.call(.post, "/api/v1/events/\(id)/check-ins", token: organiser, #"{"personID":\#(person)}"#, expect: .noContent)
            let walkIn = try await client.call(.post, "/api/v1/events/\(id)/walk-ins", token: organiser, #"{"forenames":"Dan","surname":"Fox"}"#, expect: .ok)
            #expect(walkIn.json["personID"] as? Int != nil)
            let after = try await client.call(.get, "/api/v1/events/\(id)", token: organiser, expect: .ok)
            #expect((after.json["numbers"] as? [String: Any])?["attended"] as? Int == 2)
            _ = try await client.call(.post, "/api/v1/events/\(id)/cancel", token: south, expect: .forbidden)
            #expect(try await client.call(.post, "/api/v1/events/\(id)/cancel", token: organiser, expect: .ok).json["emailed"] as? Int == 1)
        }
        let refused = try harness.test.sqlValues("SELECT COUNT(*) FROM audit_event WHERE actor = 'southorg' AND outcome = 'refused'")
        #expect(refused == ["5"])
    }

    @Test func theOrganisersPagesShowNumbersAndTheDoorSearches() async throws {
        let harness = try await WebHarness.make()
        let area = try #require(try await harness.test.warden.areas.all().first { $0.code == "W1" }?.id)
        let starts = Timestamp.now.adding(days: 1)
        let event = try await harness.test.warden.events.create(EventDetails(
            title: "Street stall", description: "", place: "Market Square", areaID: area, starts: starts, ends: starts.adding(seconds: 3_600),
            capacity: 5, access: .public), actor: .localOperator)
        try await Self.rsvp(event.id, "vic@example.org", harness.test, forenames: "Vic")
        try await harness.run { client in
            let code = try await harness.test.code("organiser")
            let (cookie, csrf, _) = try await client.signInPage("organiser", code: code, page: "/events")
            let session: HTTPFields = [.cookie: "warden_session=\(cookie)"]
            try await client.execute(uri: "/events", method: .get, headers: session) { response in
                #expect(response.status == .ok && response.text.contains("Street stall") && response.text.contains("Make an event"))
            }
            try await client.execute(uri: "/events/\(event.id)/manage", method: .get, headers: session) { response in
                #expect(response.status == .ok && response.text.contains("Going</th><td>1") && !response.text.contains("Vic"), "numbers, never names")
                #expect(response.text.contains(#"name="starts" type="datetime-local" value=""#) && response.text.contains(#"value="5" required"#))
            }
            try await client.execute(uri: "/events/\(event.id)/door?name=vic", method: .get, headers: session) { response in
                #expect(response.status == .ok && response.text.contains("Vic Stone") && response.text.contains("Check in"))
                #expect(response.text.contains(#"action="/events/\#(event.id)/check-ins""#) && response.text.contains(#"name="csrf" value="\#(csrf)""#))
            }
            var form = session
            form[.contentType] = "application/x-www-form-urlencoded"
            let edit = "csrf=\(csrf)&title=Street+stall&place=Market+Square%2C+east+side&starts=\(starts.description.prefix(16))"
                + "&ends=\(starts.adding(seconds: 3_600).description.prefix(16))&capacity=8&access=public"
            try await client.execute(uri: "/events/\(event.id)/edit", method: .post, headers: form, body: ByteBuffer(string: edit)) { response in
                #expect(response.status == .seeOther || response.status == .found, "\(response.text)")
            }
            let body = "csrf=\(csrf)&title=Hustings&place=Town+Hall&area=W1&starts=2030-05-01T19:00&ends=2030-05-01T21:00&capacity=80&access=members_only"
            try await client.execute(uri: "/events", method: .post, headers: form, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .seeOther || response.status == .found, "\(response.text)")
            }
        }
        #expect(try harness.test.sqlValues("SELECT access, starts FROM event WHERE title = 'Hustings'") == ["members_only|2030-05-01T19:00:00Z"])
        #expect(try harness.test.sqlValues("SELECT capacity, place FROM event WHERE id = \(event.id)") == ["8|Market Square, east side"])
    }
}
