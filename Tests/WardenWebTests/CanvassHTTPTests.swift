import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// A canvasser reads and writes the doors on their list and nothing else, and nothing at
/// all once the list has expired or been taken back.
@Suite struct CanvassHTTPTests {
    @Test func aCanvasserReachesOnlyTheDoorsOnTheirListWhileItLasts() async throws {
        let harness = try await WebHarness.make()
        let list = try await harness.test.walkList(assignedTo: "canvasser")
        let ann = try await harness.annID(), cat = try await harness.catID()
        try await harness.run { client in
            let token = try await harness.token(client, "canvasser")
            try await client.get("/api/v1/walk-lists", token: token) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("\"id\":\(list.id.rawValue)"))
            }
            try await client.get("/api/v1/walk-lists/\(list.id.rawValue)", token: token) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Mill Lane"))
                #expect(response.text.contains("\"surname\":\"Lee\""))
                #expect(!response.text.contains("ann@example.org"))  // a canvasser never sees emails
            }
            try await client.get("/api/v1/people/\(ann)", token: token) { #expect($0.status == .ok) }
            try await client.get("/api/v1/people/\(cat)", token: token) { #expect($0.status == .notFound) }
            try await client.get("/api/v1/people?q=ray", token: token) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("Ray"))
            }
            try await client.post("/api/v1/canvass/results", token: token,
                                  #"{"person":\#(ann),"walkList":\#(list.id.rawValue),"outcome":"spoke","answers":{"intention":"Green","issues":[],"notes":""}}"#) {
                #expect($0.status == .created)
            }
            // Someone not on the list: refused and alerted, and it reads as "no such person".
            try await client.post("/api/v1/canvass/results", token: token,
                                  #"{"person":\#(cat),"walkList":\#(list.id.rawValue),"outcome":"not_in"}"#) {
                #expect($0.status == .notFound)
            }
            // The list expires: every door closes at the next request.
            try harness.test.sql("UPDATE access_grant SET expires_at = '2020-01-01T00:00:00Z' WHERE scope_walk_list_id = \(list.id.rawValue)")
            try await client.get("/api/v1/walk-lists/\(list.id.rawValue)", token: token) { #expect($0.status == .forbidden) }
            try await client.get("/api/v1/people/\(ann)", token: token) { #expect($0.status == .forbidden) }
            try await client.post("/api/v1/canvass/results", token: token,
                                  #"{"person":\#(ann),"walkList":\#(list.id.rawValue),"outcome":"not_in"}"#) {
                #expect($0.status == .forbidden)
            }
        }
        let alerts = try await harness.test.warden.alerts.list(actor: .localOperator, all: true)
        #expect(alerts.contains { $0.kind == .outOfScope && $0.actor == "canvasser" })
        let events = try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 30)
        #expect(events.contains { $0.actor == "canvasser" && $0.outcome == .refused && $0.detail.contains("walk list") })
        #expect(events.contains { $0.actor == "canvasser" && $0.action == .write && $0.dataClasses.contains(.specialCategory) })
    }

    @Test func takingAListBackEndsAccessAtOnce() async throws {
        let harness = try await WebHarness.make()
        let list = try await harness.test.walkList(assignedTo: "canvasser")
        try await harness.run { client in
            let token = try await harness.token(client, "canvasser")
            try await client.get("/api/v1/walk-lists/\(list.id.rawValue)", token: token) { #expect($0.status == .ok) }
            try await harness.test.warden.canvass.endAssignment(list.id, actor: .localOperator)
            try await client.get("/api/v1/walk-lists/\(list.id.rawValue)", token: token) { #expect($0.status == .forbidden) }
        }
    }

    @Test func theDashboardIsForOrganisersAndDrawsChartsOnTheServer() async throws {
        let harness = try await WebHarness.make()
        let list = try await harness.test.walkList(assignedTo: "canvasser")
        try await harness.run { client in
            let organiser = try await harness.token(client, "organiser")
            try await client.get("/campaigns/\(list.campaignID.rawValue)", token: organiser) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<svg"))
                #expect(response.text.contains("Voting intention by ward"))
            }
            try await client.get("/api/v1/campaigns/\(list.campaignID.rawValue)/dashboard", token: organiser) { #expect($0.status == .ok) }
            let canvasser = try await harness.token(client, "canvasser")
            try await client.get("/api/v1/campaigns/\(list.campaignID.rawValue)/dashboard", token: canvasser) { #expect($0.status == .forbidden) }
        }
    }
}

extension TestClientProtocol {
    /// POSTs a JSON body with a bearer token.
    @discardableResult
    func post<T>(_ uri: String, token: String, _ body: String, _ check: @escaping @Sendable (TestResponse) async throws -> T) async throws -> T {
        try await execute(uri: uri, method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                          body: ByteBuffer(string: body), testCallback: check)
    }
}
