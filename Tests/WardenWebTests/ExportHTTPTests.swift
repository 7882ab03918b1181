import AgeEncryption
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport
import WardenWeb

@Suite("Exports over HTTP")
struct ExportHTTPTests {
    /// An organiser asks through the API, the DPO approves; the recipient's link shows a page
    /// on GET (a mail scanner fetching it uses nothing up) and gives the CSV once on POST; the
    /// DPO traces a copy. Those who may not ask, decide or trace are refused.
    @Test func anExportGoesFromRequestToOneDownloadAndIsTraced() async throws {
        let harness = try await WebHarness.make()
        let north = try #require(try await harness.test.warden.areas.all().first { $0.code == "W1" }?.id)
        try await harness.run { client in
            let organiser = try await harness.token(client, "organiser")
            let dpo = try await harness.token(client, "dpo")
            let canvasser = try await harness.token(client, "canvasser")
            let ask = #"{"purpose":"leaflet_delivery","fields":["name","address"],"areaID":\#(north),"population":"electors","recipient":{"name":"Fellwick Mailing House","email":"leaflets@mailing-house.example"}}"#
            _ = try await client.call(.post, "/api/v1/exports", token: canvasser, ask, expect: .forbidden)
            _ = try await client.call(.post, "/api/v1/exports", token: organiser,
                                      ask.replacingOccurrences(of: #""name","address""#, with: #""name","intention""#), expect: .badRequest)
            let asked = try await client.call(.post, "/api/v1/exports", token: organiser, ask, expect: .created).json
            let id = try #require(asked["id"] as? Int)
            #expect(asked["count"] as? Int == 3) // not the anonymous elector
            #expect(asked["state"] as? String == "requested")
            _ = try await client.call(.post, "/api/v1/exports/\(id)/approve", token: organiser, #"{"reason":"mine"}"#, expect: .forbidden)
            _ = try await client.call(.post, "/api/v1/exports/\(id)/approve", token: dpo, #"{}"#, expect: .badRequest)
            let approved = try await client.call(.post, "/api/v1/exports/\(id)/approve", token: dpo, #"{"reason":"spring leaflets"}"#, expect: .ok).json
            #expect(approved["state"] as? String == "ready")
            _ = try await client.call(.post, "/api/v1/exports/\(id)/refuse", token: dpo, #"{"reason":"too late"}"#, expect: .conflict)
            // The requester sees their own; the canvasser sees none of it.
            _ = try await client.call(.get, "/api/v1/exports/\(id)", token: organiser, expect: .ok)
            _ = try await client.call(.get, "/api/v1/exports/\(id)", token: canvasser, expect: .notFound)

            let mail = try harness.test.sqlValues("SELECT body FROM outbox WHERE recipient = 'leaflets@mailing-house.example'").joined(separator: "\n")
            let token = String(try #require(mail.components(separatedBy: "/exports/download/").last?.prefix { !$0.isWhitespace }))
            for _ in 0..<2 {
                try await client.execute(uri: "/exports/download/\(token)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("Download the file"))
                }
            }
            let csv = try await client.execute(uri: "/exports/download/\(token)", method: .post) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"warden-export-\(id).csv\"")
                return response.text
            }
            #expect(csv.hasPrefix("\"First names\",\"Surname\",\"Address\",\"Postcode\"\r\n"))
            #expect(csv.contains("Lee"))
            try await client.execute(uri: "/exports/download/\(token)", method: .post) { response in
                #expect(response.status == .conflict)
                #expect(response.text.contains("this link has been used already"))
            }
            // The DPO traces the file; the organiser may not.
            let traced = try await client.execute(uri: "/api/v1/export-trace", method: .post,
                                                  headers: [.authorization: "Bearer \(dpo)", .contentType: "text/csv"], body: ByteBuffer(string: csv)) { $0.json }
            #expect(traced["source"] as? Int == id)
            #expect(traced["basis"] as? String == "decoys")
            try await client.execute(uri: "/api/v1/export-trace", method: .post, headers: [.authorization: "Bearer \(dpo)", .contentType: "text/csv"]) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("the uploaded file: empty; send the leaked file's CSV"))
            }
            // A body declared as something other than text is not a leaked file (found by schemathesis).
            try await client.execute(uri: "/api/v1/export-trace", method: .post, headers: [.authorization: "Bearer \(dpo)", .contentType: "application/json"],
                                     body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            // A mistyped purpose is a 400 even with nothing to search for (found by schemathesis).
            try await client.execute(uri: "/api/v1/people?purpose=AAA", method: .get, headers: [.authorization: "Bearer \(dpo)"]) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/export-trace", method: .post,
                                     headers: [.authorization: "Bearer \(organiser)", .contentType: "text/csv"], body: ByteBuffer(string: csv)) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    /// A recipient with an age key: the file fetched is the age file, and Debian's `age` opens
    /// it with their key into the same CSV.
    @Test func aKeyRecipientsFileOpensWithAgeAndTheirKeyAlone() async throws {
        let harness = try await WebHarness.make()
        let north = try #require(try await harness.test.warden.areas.all().first { $0.code == "W1" }?.id)
        let key = X25519Identity()
        try await harness.run { client in
            let organiser = try await harness.token(client, "organiser")
            let dpo = try await harness.token(client, "dpo")
            let asked = try await client.call(.post, "/api/v1/exports", token: organiser,
                                              #"{"purpose":"leaflet_delivery","fields":["name","address"],"areaID":\#(north),"population":"electors","recipient":{"name":"The agent","ageKey":"\#(key.recipient)"}}"#,
                                              expect: .created).json
            let id = try #require(asked["id"] as? Int)
            _ = try await client.call(.get, "/api/v1/exports/\(id)/file", token: organiser, expect: .conflict)
            _ = try await client.call(.post, "/api/v1/exports/\(id)/approve", token: dpo, #"{"reason":"for the agent's leaflet"}"#, expect: .ok)
            let file = try await client.call(.get, "/api/v1/exports/\(id)/file", token: organiser, expect: .ok)
            #expect(file.headers[.contentType] == "application/octet-stream")
            let directory = harness.test.directory.path
            try Data(file.body.readableBytesView).write(to: URL(fileURLWithPath: "\(directory)/export.age"))
            try Data((key.secretKeyString + "\n").utf8).write(to: URL(fileURLWithPath: "\(directory)/agent.key"))
            let opened = try Command.shell("age -d -i '\(directory)/agent.key' '\(directory)/export.age'")
            #expect(opened.status == 0)
            #expect(opened.output.hasPrefix("\"First names\",\"Surname\",\"Address\",\"Postcode\""))
            let other = X25519Identity()
            try Data((other.secretKeyString + "\n").utf8).write(to: URL(fileURLWithPath: "\(directory)/other.key"))
            #expect(try Command.shell("age -d -i '\(directory)/other.key' '\(directory)/export.age'").status != 0)
        }
    }

    /// The pages: the organiser asks by form and is told what happens next; the DPO sees the
    /// decision form, the organiser does not.
    @Test func thePagesAskAndDecide() async throws {
        let harness = try await WebHarness.make()
        let north = try #require(try await harness.test.warden.areas.all().first { $0.code == "W1" }?.id)
        try await harness.run { client in
            let (cookie, csrf, _) = try await client.signInPage("organiser", code: try await harness.test.code("organiser"), page: "/exports")
            let form: HTTPFields = [.cookie: "warden_session=\(cookie)", .contentType: "application/x-www-form-urlencoded"]
            let location = try await client.execute(
                uri: "/exports", method: .post, headers: form,
                body: ByteBuffer(string: "csrf=\(csrf)&purpose=phone_bank&field=name&field=phone&area=\(north)&population=electors&recipient=Phone+bank&delivery=link&email=bank%40example.org")
            ) { response in
                #expect(response.status == .seeOther || response.status == .found)
                return response.headers[.location] ?? ""
            }
            #expect(location.hasSuffix("?done=requested"))
            try await client.execute(uri: location, method: .get, headers: [.cookie: "warden_session=\(cookie)"]) { response in
                #expect(response.text.contains("Export requested. Nothing has been read"))
                #expect(response.text.contains("First names, Surname, Phone"))
                #expect(!response.text.contains("Approve"))
            }
            let (dpoCookie, _, _) = try await client.signInPage("dpo", code: try await harness.test.code("dpo"), page: "/exports")
            try await client.execute(uri: String(location.prefix { $0 != "?" }), method: .get, headers: [.cookie: "warden_session=\(dpoCookie)"]) { response in
                #expect(response.text.contains("Approve"))
                #expect(response.text.contains("Refuse"))
            }
        }
    }
}
