import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// The doorstep's taps and pages and a person's record run on a session resolved a few
/// seconds ago, checked by the Gate in its own transaction: a tap and the next stop's page
/// take two transactions together, and anything that changes the account's access is still
/// seen at the very next request.
@Suite("Gate-checked routes on a cached session")
struct SessionCacheHTTPTests {
    /// The value of the first `csrf` field in a page.
    static func csrf(in page: String) throws -> String {
        let marker = #"name="csrf" value=""#
        let start = try #require(page.range(of: marker)).upperBound
        return String(page[start...].prefix { $0 != "\"" })
    }

    @Test func aTapAndTheNextStopsPageTakeTwoTransactionsTogether() async throws {
        let harness = try await WebHarness.make()
        let list = try await harness.test.walkList(assignedTo: "canvasser")
        let ann = try await harness.annID()
        try await harness.run { client in
            let token = try await harness.token(client, "canvasser")
            let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
            let first = try await client.get("/canvass/lists/\(list.id.rawValue)/stops/1", token: token) { response in
                #expect(response.status == .ok)
                return response.text
            }
            let before = harness.test.warden.transactions
            var form = bearer
            form[.contentType] = "application/x-www-form-urlencoded"
            let body = "csrf=\(try Self.csrf(in: first))&person=\(ann)&stop=1&outcome=not_in"
            let next = try await client.execute(uri: "/canvass/lists/\(list.id.rawValue)/results", method: .post, headers: form,
                                                body: ByteBuffer(string: body)) { response in
                #expect(response.status == .seeOther)
                return try #require(response.headers[.location])
            }
            try await client.get(next, token: token) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Recorded: <strong>Not in</strong>"))
            }
            #expect(harness.test.warden.transactions - before == TransactionCounts(reads: 0, writes: 2))
        }
        let events = try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 5)
        #expect(events.contains { $0.actor == "canvasser" && $0.action == .write && $0.people == [PersonID(ann)] })
    }

    @Test func aGrantMadeAfterTheSessionWasReadIsUsedNotRefused() async throws {
        let harness = try await WebHarness.make()
        let list = try await harness.test.walkList()
        try await harness.run { client in
            let token = try await harness.token(client, "canvasser")
            // Read now, before the list is handed over: the cached actor holds no grant for it.
            try await client.get("/api/v1/walk-lists", token: token) { #expect($0.status == .ok) }
            _ = try await harness.test.warden.canvass.assign(list.id, to: "canvasser", hours: 2, actor: .localOperator)
            try await client.get("/api/v1/walk-lists/\(list.id.rawValue)", token: token) { #expect($0.status == .ok) }
        }
        let events = try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 10)
        #expect(!events.contains { $0.actor == "canvasser" && $0.outcome == .refused })
    }

    @Test func aGrantRevokedAfterTheSessionWasReadIsRefusedAndRecorded() async throws {
        let harness = try await WebHarness.make()
        let list = try await harness.test.walkList(assignedTo: "canvasser")
        try await harness.run { client in
            let token = try await harness.token(client, "canvasser")
            try await client.get("/api/v1/walk-lists/\(list.id.rawValue)", token: token) { #expect($0.status == .ok) }
            // As another process (the CLI) would: straight to the database, past this server's memory.
            try harness.test.sql("UPDATE access_grant SET revoked_at = '2026-01-01T00:00:00Z' WHERE scope_walk_list_id = \(list.id.rawValue)")
            try await client.get("/api/v1/walk-lists/\(list.id.rawValue)", token: token) { #expect($0.status == .forbidden) }
        }
        let events = try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 5)
        #expect(events.contains { $0.actor == "canvasser" && $0.outcome == .refused })
    }

    @Test func aMembershipLapsedAfterTheSessionWasReadEndsAccessAtTheNextRequest() async throws {
        let harness = try await WebHarness.make()
        let ann = try await harness.annID()
        try await harness.run { client in
            let token = try await harness.token(client, "member")
            try await client.get("/api/v1/people/\(ann)", token: token) { #expect($0.status == .ok) }
            try harness.test.sql("UPDATE member SET status = 'lapsed' WHERE membership_number = 'M1'")
            try await client.get("/api/v1/people/\(ann)", token: token) { #expect($0.status == .forbidden) }
            // The session is over: the next request is anonymous.
            try await client.get("/api/v1/people/\(ann)", token: token) { #expect($0.status == .unauthorized) }
        }
        let alerts = try await harness.test.warden.alerts.list(actor: .localOperator, all: true)
        #expect(alerts.contains { $0.kind == .revokedAccess && $0.actor == "member" })
    }

    @Test func aSessionEndedElsewhereEndsAtTheNextRequest() async throws {
        let harness = try await WebHarness.make()
        let ann = try await harness.annID()
        try await harness.run { client in
            let token = try await harness.token(client, "secretary")
            try await client.get("/api/v1/people/\(ann)", token: token) { #expect($0.status == .ok) }
            try harness.test.sql("UPDATE session SET ended_at = '2026-01-01T00:00:00Z'")
            try await client.get("/api/v1/people/\(ann)", token: token) { #expect($0.status == .unauthorized) }
        }
    }
}
