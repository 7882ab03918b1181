import AgeEncryption
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport
import WardenWeb

@Suite("Ballots over HTTP")
struct BallotHTTPTests {
    /// A ballot through the API and the pages: the secretary sets it up,
    /// the trustees give their age keys, the returning officer freezes it and issues a
    /// credential in person, a member has theirs emailed; a contact change is held and
    /// confirmed through the link; votes come by the voting page and the public API, each
    /// with a tracker on the board; after the close two trustees hand back their shares
    /// (opened with their own age keys) and the published result is public.
    @Test func aBallotRunsThroughTheAPIAndThePages() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let secretary = try await harness.token(client, "secretary")
            let tokens = [try await harness.token(client, "organiser"), try await harness.token(client, "canvasser"), try await harness.token(client, "campaign")]
            let member = try await harness.token(client, "member")
            let dpo = try await harness.token(client, "dpo")
            let now = Timestamp.now
            let opens = now.adding(seconds: 3_600), closes = now.adding(seconds: 7_200)
            let draft = """
                {"title":"Fellwick selection","areaCode":"C","candidates":["Ada","Ben"],"reopenNominations":true,"seats":1,
                 "joinedOnOrBefore":"2025-01-01","inArrearsMayVote":false,"channels":["online","in_person"],
                 "freezeAt":"\(now)","opensAt":"\(opens)","closesAt":"\(closes)",
                 "trustees":["organiser","canvasser","campaign"],"agents":["dpo"],"coolingOffHours":24}
                """
            _ = try await client.call(.post, "/api/v1/ballots", token: member, draft, expect: .forbidden)
            _ = try await client.call(.post, "/api/v1/ballots", token: secretary, "{}", expect: .badRequest)
            let created = try await client.call(.post, "/api/v1/ballots", token: secretary, draft, expect: .created).json
            let id = try #require(created["id"] as? Int)
            #expect((created["candidates"] as? [String])?.last == "Re-open nominations")
            let identities = (0..<3).map { _ in X25519Identity() }
            for (token, (name, identity)) in zip(tokens, zip(["organiser", "canvasser", "campaign"], identities)) {
                _ = try await client.call(.put, "/api/v1/ballots/\(id)/trustee-key", token: token,
                                          #"{"trustee":"\#(name)","recipient":"\#(identity.recipient)"}"#, expect: .ok)
            }
            _ = try await client.call(.post, "/api/v1/ballots/\(id)/freeze", token: tokens[1], expect: .forbidden)
            let frozen = try await client.call(.post, "/api/v1/ballots/\(id)/freeze", token: tokens[0], expect: .ok).json
            #expect(frozen["size"] as? Int == 2)

            // Ann (M1) checks her place; the returning officer issues Cat (M2) a credential in person; Ann has hers emailed.
            let inclusion = try await client.call(.get, "/api/v1/ballots/\(id)/inclusion", token: member, expect: .ok).json
            #expect(inclusion["root"] as? String == frozen["root"] as? String)
            let issued = try await client.call(.post, "/api/v1/ballots/\(id)/credentials", token: tokens[0],
                                               #"{"member":"M2","channel":"in_person"}"#, expect: .created).json
            let cat = try #require(issued["credential"] as? String)
            let emailed = try await client.call(.post, "/api/v1/ballots/\(id)/credentials", token: member, #"{"channel":"online"}"#, expect: .created).json
            #expect(emailed["credential"] == nil)
            _ = try await client.call(.post, "/api/v1/ballots/\(id)/credentials", token: member, #"{"channel":"in_person"}"#, expect: .forbidden)
            let lines = try harness.test.sqlValues("SELECT body FROM outbox WHERE recipient = 'ann@example.org' AND wipe_after_send = 1")
            let ann = try #require(lines.first { $0.hasPrefix("    ") && $0.count == 28 }).trimmingCharacters(in: .whitespaces)

            // The organiser changes Ann's email: held, and confirmed by her through the link sent to her old address.
            let annID = try await harness.annID()
            let held = try await client.call(.patch, "/api/v1/people/\(annID)/contact", token: tokens[0],
                                             #"{"email":"ann.elsewhere@example.org","reason":"asked at the door"}"#, expect: .ok).json
            #expect(held["changed"] as? Bool == false && held["heldChange"] != nil)
            let link = try #require(try harness.test.sqlValues("SELECT body FROM outbox WHERE recipient = 'ann@example.org' AND subject LIKE 'Confirm a change%'")
                .first { $0.contains("/contact-holds/") })
            let token = String(link.split(separator: "/").last ?? "")
            try await client.execute(uri: "/contact-holds/\(token)", method: .get) { #expect($0.status == .ok && $0.text.contains("This wasn't me")) }
            try await client.execute(uri: "/contact-holds/\(token)", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "answer=confirm")) { #expect($0.text.contains("Confirmed")) }
            let register = try await client.call(.get, "/api/v1/ballots/\(id)/held-changes", token: dpo, expect: .ok).json
            #expect(((register["held"] as? [[String: Any]])?.first?["state"] as? String) == "cooling_off")

            try Self.move(id, "opensAt", to: Timestamp.now.adding(seconds: -1), harness.test)
            // Cat votes on the page; Ann through the API.
            try await client.execute(uri: "/ballots/\(id)/vote", method: .get) { #expect($0.text.contains("Cast my vote")) }
            try await client.execute(uri: "/ballots/\(id)/vote", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "c1=2&c2=1&credential=\(cat)")) { response in
                #expect(response.text.contains("Your vote is cast"), "\(response.text)")
            }
            _ = try await client.call(.post, "/api/v1/ballots/\(id)/votes", token: "", #"{"credential":"AAAA-BBBB-CCCC-DDDD-EEEE","ranking":[1]}"#, expect: .forbidden)
            let cast = try await client.call(.post, "/api/v1/ballots/\(id)/votes", token: "", #"{"credential":"\#(ann)","ranking":[2]}"#, expect: .created).json
            let tracker = try #require(cast["tracker"] as? String)
            let entry = try await client.call(.get, "/api/v1/ballots/\(id)/board/\(tracker)", token: "", expect: .ok).json
            #expect(entry["tracker"] as? String == tracker)
            let marked = try await client.call(.get, "/api/v1/ballots/\(id)/register", token: dpo, expect: .ok).json
            #expect((marked["voters"] as? [[String: Any]])?.filter { $0["voted"] as? Bool == true }.count == 2)

            try Self.move(id, "closesAt", to: Timestamp.now.adding(seconds: -1), harness.test)
            for index in [0, 2] {
                let sealed = try await client.call(.get, "/api/v1/ballots/\(id)/share", token: tokens[index], expect: .ok)
                let share = String(decoding: try Age.decrypt(Array(sealed.body.readableBytesView), identities: [identities[index]]), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                _ = try await client.call(.post, "/api/v1/ballots/\(id)/share", token: tokens[index], #"{"share":"\#(share)"}"#, expect: .ok)
            }
            let result = try await client.call(.post, "/api/v1/ballots/\(id)/count", token: tokens[2], expect: .ok).json
            #expect(result["ballotsStored"] as? Int == 2 && result["credentialsSpent"] as? Int == 2 && result["trackersOnBoard"] as? Int == 2)
            let published = try await client.call(.get, "/api/v1/ballots/\(id)/result", token: "", expect: .ok).json
            #expect((published["ballots"] as? [[String: Any]])?.contains { $0["tracker"] as? String == tracker } == true)
            try await client.execute(uri: "/ballots/\(id)/result", method: .get) { response in
                #expect(response.status == .ok && response.text.contains("Elected: Ben") && response.text.contains(tracker))
            }
            try await client.execute(uri: "/ballots/\(id)/result.blt", method: .get) { #expect($0.text.contains("\"Fellwick selection\"")) }
        }
    }

    /// Moves one of ballot `id`'s times as the database holds it: the ballot's clock moved on, so
    /// the test never waits for it.
    static func move(_ id: Int, _ field: String, to instant: Timestamp, _ test: TestWarden) throws {
        switch test.warden.configuration.testEngine {
        case .sqlite: try test.sql("UPDATE ballot SET setup = json_set(setup, '$.\(field)', '\(instant)') WHERE id = \(id)")
        case .postgres: try test.sql("UPDATE ballot SET setup = jsonb_set(setup::jsonb, '{\(field)}', to_jsonb('\(instant)'::text))::text WHERE id = \(id)")
        }
    }

    /// The pages: the list with its set-up form for a secretary, a ballot as its returning
    /// officer sees it before the freeze, and what it says about what can be checked.
    @Test func thePagesShowEachRoleItsPart() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let (cookie, csrf, _) = try await client.signInPage("secretary", code: try await harness.test.code("secretary"), page: "/ballots")
            let now = Timestamp.now
            let form = [
                "csrf=\(csrf)", "title=Ward+officers", "area=W1", "candidates=Ada%0D%0ABen%0D%0ACal", "seats=2", "joinedBy=2025-01-01", "online=yes",
                "freeze=\(now.adding(days: 1).description.prefix(16))", "opens=\(now.adding(days: 2).description.prefix(16))",
                "closes=\(now.adding(days: 3).description.prefix(16))", "returningOfficer=organiser", "scrutineers=canvasser%2C+campaign",
            ].joined(separator: "&")
            let location = try await client.execute(uri: "/ballots", method: .post,
                                                    headers: [.cookie: "warden_session=\(cookie)", .contentType: "application/x-www-form-urlencoded"],
                                                    body: ByteBuffer(string: form)) { response in
                #expect(response.status == .seeOther, "\(response.text.components(separatedBy: "<main").last?.prefix(500) ?? "")")
                return response.headers[.location] ?? ""
            }
            #expect(location.hasSuffix("?done=created"))
            try await client.execute(uri: location, method: .get, headers: [.cookie: "warden_session=\(cookie)"]) { response in
                #expect(response.text.contains("The ballot is set up"))
                #expect(response.text.contains("single transferable vote"))
                #expect(response.text.contains("Secrecy rests on people"))
            }
            let (roCookie, _, _) = try await client.signInPage("organiser", code: try await harness.test.code("organiser"), page: location)
            try await client.execute(uri: location, method: .get, headers: [.cookie: "warden_session=\(roCookie)"]) { response in
                #expect(response.text.contains("Freeze now") && response.text.contains("Give my key"))
            }
        }
    }
}
