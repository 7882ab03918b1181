import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

@Suite("Signed-in access through HTTP")
struct SignedInAccessTests {
    @Test func wrongPasswordAndUnknownUserGetTheSameAnswer() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            var bodies: [String] = []
            for body in [#"{"username":"secretary","password":"wrong password"}"#, #"{"username":"ghost","password":"wrong password"}"#] {
                try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                         body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .unauthorized)
                    bodies.append(response.text)
                }
            }
            #expect(bodies[0] == bodies[1])
        }
    }

    @Test func eachRoleSeesOnlyItsFieldsOfAPerson() async throws {
        let harness = try await WebHarness.make()
        _ = try await harness.test.walkList(assignedTo: "canvasser")  // the canvasser's doors: 1 Mill Lane
        let ann = try await harness.annID()
        try await harness.run { client in
            let secretary = try await harness.token(client, "secretary")
            try await client.get("/api/v1/people/\(ann)", token: secretary) { response in
                #expect(response.status == .ok)
                #expect(response.json["surname"] as? String == "Lee")
                #expect((response.json["emails"] as? [[String: Any]])?.first?["value"] as? String == "ann@example.org")
                #expect(response.json["dues"] != nil)
            }
            let canvasser = try await harness.token(client, "canvasser")
            try await client.get("/api/v1/people/\(ann)", token: canvasser) { response in
                #expect(response.status == .ok)
                #expect(response.json["surname"] as? String == "Lee")
                #expect(response.json["emails"] == nil)
                #expect(response.json["dues"] == nil)
                #expect(response.json["membershipNumber"] == nil)
                #expect(!response.text.contains("ann@example.org"))
            }
            let organiser = try await harness.token(client, "organiser")
            try await client.get("/api/v1/people/\(ann)", token: organiser) { response in
                #expect(response.json["membershipStatus"] as? String == "active")
                #expect(response.json["dues"] == nil)
            }
        }
    }

    @Test func anAdministratorIsRefusedPeopleButSeesAreas() async throws {
        let harness = try await WebHarness.make()
        let ann = try await harness.annID()
        try await harness.run { client in
            let admin = try await harness.token(client, "admin")
            try await client.get("/api/v1/people/\(ann)", token: admin) { response in
                #expect(response.status == .forbidden)
                #expect(!response.text.contains("Lee"))
            }
            try await client.get("/api/v1/people?q=lee", token: admin) { #expect($0.status == .forbidden) }
            try await client.get("/api/v1/areas", token: admin) { #expect($0.status == .ok) }
        }
        let audit = try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 5)
        #expect(audit.contains { $0.actor == "admin" && $0.outcome == .refused })
    }

    @Test func searchesReturnPeopleAndAreRecorded() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let secretary = try await harness.token(client, "secretary")
            try await client.get("/api/v1/people?q=TN1%201AA", token: secretary) { response in
                #expect(response.status == .ok)
                let people = response.json["people"] as? [[String: Any]]
                // Ann is a member; Bob, in the same household, only an elector: the secretary's role is for members.
                #expect(people?.compactMap { $0["forenames"] as? String }.sorted() == ["Ann"])
            }
            try await client.get("/api/v1/people?q=x&purpose=nonsense", token: secretary) { #expect($0.status == .badRequest) }
        }
        let audit = try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 3)
        #expect(audit.contains { $0.actor == "secretary" && $0.action == .search && $0.purpose == .membershipAdministration })
    }

    @Test func signingOutEndsTheTokenAtTheNextRequest() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let token = try await harness.token(client, "dpo")
            try await client.get("/api/v1/me", token: token) { response in
                #expect(response.status == .ok)
                #expect(response.json["roles"] as? [String] == ["data_protection_officer"])
            }
            try await client.execute(uri: "/api/v1/session", method: .delete, headers: [.authorization: "Bearer \(token)"]) {
                #expect($0.status == .noContent)
            }
            try await client.get("/api/v1/me", token: token) { #expect($0.status == .unauthorized) }
        }
    }
}
