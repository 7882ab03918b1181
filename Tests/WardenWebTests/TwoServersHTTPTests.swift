import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport
import WardenWeb

/// Two Warden servers on one PostgreSQL database, each with its own memory (its session
/// cache): a session started on one works on the other, and whatever one of them changes about
/// an account's access (signing out, a revoked grant, a lapsed membership, a spent budget)
/// holds at the very next request the other answers.
@Suite("Two servers on one database", .enabled(if: TestEngine.current == .postgres, "several servers share a PostgreSQL database"))
struct TwoServersHTTPTests {
    /// Runs `body` with a client of each server.
    func withTwoServers(
        _ harness: WebHarness, _ body: @escaping @Sendable (_ first: any TestClientProtocol, _ second: any TestClientProtocol, _ other: Warden) async throws -> Void
    ) async throws {
        let other = try await harness.test.secondServer()
        let firstRouter = try await buildRouter(warden: harness.test.warden)
        try await Application(router: firstRouter).test(.router) { first in
            let secondRouter = try await buildRouter(warden: other)
            try await Application(router: secondRouter).test(.router) { second in
                try await body(first, second, other)
            }
        }
    }

    @Test func aSessionStartedOnOneServerWorksOnTheOtherAndEndsOnBoth() async throws {
        let harness = try await WebHarness.make()
        let ann = try await harness.annID()
        try await withTwoServers(harness) { first, second, _ in
            let token = try await harness.token(first, "secretary")
            try await second.get("/api/v1/people/\(ann)", token: token) { #expect($0.status == .ok) }
            try await first.get("/api/v1/people/\(ann)", token: token) { #expect($0.status == .ok) }
            try await first.execute(uri: "/api/v1/session", method: .delete, headers: [.authorization: "Bearer \(token)"]) {
                #expect($0.status == .noContent)
            }
            try await second.get("/api/v1/people/\(ann)", token: token) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func aGrantRevokedThroughOneServerIsRefusedByTheOtherAtTheNextRequest() async throws {
        let harness = try await WebHarness.make()
        let list = try await harness.test.walkList(assignedTo: "canvasser")
        try await withTwoServers(harness) { first, second, other in
            let token = try await harness.token(first, "canvasser")
            // The second server reads the session now, and keeps it for a while.
            try await second.get("/api/v1/walk-lists/\(list.id.rawValue)", token: token) { #expect($0.status == .ok) }
            let grant = try #require(try await other.accounts.grants(actor: .localOperator).first { $0.username == "canvasser" && $0.grant.scopeWalkListID == list.id })
            try await harness.test.warden.accounts.revoke(grant: grant.grant.id, actor: .localOperator)
            try await second.get("/api/v1/walk-lists/\(list.id.rawValue)", token: token) { #expect($0.status == .forbidden) }
        }
        let events = try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 5)
        #expect(events.contains { $0.actor == "canvasser" && $0.outcome == .refused })
    }

    @Test func aMembershipLapsedThroughOneServerEndsAccessOnTheOther() async throws {
        let harness = try await WebHarness.make()
        let ann = try await harness.annID()
        try await withTwoServers(harness) { first, second, _ in
            let token = try await harness.token(second, "member")
            try await second.get("/api/v1/people/\(ann)", token: token) { #expect($0.status == .ok) }
            let secretary = try await harness.test.actor("secretary")
            _ = try await harness.test.warden.people.changeMembership(of: PersonID(ann), event: .resigned, reason: "resigned by letter", actor: secretary)
            try await second.get("/api/v1/people/\(ann)", token: token) { #expect($0.status == .forbidden) }
            try await first.get("/api/v1/people/\(ann)", token: token) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func aReadBudgetIsOneBudgetAcrossServers() async throws {
        let harness = try await WebHarness.make(budgets: [.organiser: 2])
        try await withTwoServers(harness) { first, second, _ in
            let token = try await harness.token(first, "organiser")
            try await first.get("/api/v1/people?q=AA-1", token: token) { #expect($0.status == .ok) }
            try await second.get("/api/v1/people?q=AA-2", token: token) { #expect($0.status == .ok) }
            try await first.get("/api/v1/people?q=AA-4", token: token) { #expect($0.status == .tooManyRequests) }
            try await second.get("/api/v1/people?q=AA-4", token: token) { #expect($0.status == .tooManyRequests) }
        }
    }

    @Test func aReadsAuditEntryIsInTheDatabaseBeforeTheDataLeaves() async throws {
        let harness = try await WebHarness.make()
        let ann = try await harness.annID()
        try await withTwoServers(harness) { first, _, other in
            let token = try await harness.token(first, "secretary")
            try await first.get("/api/v1/people/\(ann)", token: token) { response in
                // While the answer is still in the client's hands: the other server, on its
                // own connections, already finds the read in the log.
                #expect(response.status == .ok)
                let events = try await other.accounts.recentAudit(actor: .localOperator, limit: 5)
                #expect(events.contains { $0.actor == "secretary" && $0.action == .read && $0.people == [PersonID(ann)] })
            }
        }
    }
}
