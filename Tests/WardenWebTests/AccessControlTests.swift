import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Each role's allowed and refused case, through HTTP, and access ending at the next request.
@Suite("Access control through HTTP")
struct AccessControlTests {
    @Test func eachRoleReadsInsideItsScopeAndIsRefusedOutsideIt() async throws {
        let harness = try await WebHarness.make()
        _ = try await harness.test.walkList(assignedTo: "canvasser")  // the canvasser's doors: 1 Mill Lane
        let ann = try await harness.annID()  // North ward, polling district AA
        let cat = try await harness.catID()  // South ward, polling district BA
        try await harness.run { client in
            // (account, may read Ann, may read Cat)
            let cases: [(String, HTTPResponse.Status, HTTPResponse.Status)] = [
                ("canvasser", .ok, .notFound), ("organiser", .ok, .notFound), ("secretary", .ok, .ok), ("dpo", .ok, .ok),
                ("member", .ok, .notFound), ("campaign", .forbidden, .forbidden), ("admin", .forbidden, .forbidden),
            ]
            var tokens: [String: String] = [:]
            for (username, annStatus, catStatus) in cases {
                let token = try await harness.token(client, username)
                tokens[username] = token
                try await client.get("/api/v1/people/\(ann)", token: token) { #expect($0.status == annStatus, "\(username) reading Ann") }
                try await client.get("/api/v1/people/\(cat)", token: token) { response in
                    #expect(response.status == catStatus, "\(username) reading Cat")
                    if catStatus != .ok { #expect(!response.text.contains("Ray")) }
                }
            }
            // A search never leaves the scope either.
            let canvasser = try #require(tokens["canvasser"])
            try await client.get("/api/v1/people?q=ray", token: canvasser) { response in
                #expect((response.json["people"] as? [Any])?.isEmpty == true)
            }
            // A stated purpose the grant is not for is refused.
            let secretary = try #require(tokens["secretary"])
            try await client.get("/api/v1/people/\(ann)?purpose=canvassing", token: secretary) { #expect($0.status == .forbidden) }
        }
        let alerts = try await harness.test.warden.alerts.list(actor: .localOperator)
        #expect(alerts.contains { $0.kind == .outOfScope && $0.actor == "canvasser" })
    }

    @Test func aMemberWhoResignsIsRefusedAtTheNextRequestAndTheDPOAlerted() async throws {
        let harness = try await WebHarness.make()
        let ann = try await harness.annID()
        try await harness.run { client in
            let token = try await harness.token(client, "member")
            try await client.get("/api/v1/people/\(ann)", token: token) { #expect($0.status == .ok) }
            let path = try harness.test.write("resigned.csv", "Membership Number,Surname,Status\nM1,Lee,Resigned\n")
            _ = try await harness.test.warden.imports.importMembers(path: path, actor: .localOperator)
            try await client.get("/api/v1/people/\(ann)", token: token) { response in
                #expect(response.status == .forbidden)
                #expect(!response.text.contains("Lee"))
            }
            try await client.get("/api/v1/me", token: token) { #expect($0.status == .unauthorized) }  // the session is over
        }
        let alerts = try await harness.test.warden.alerts.list(actor: .localOperator)
        #expect(alerts.contains { $0.kind == .revokedAccess && $0.actor == "member" })
        await #expect(throws: WardenError.accessEnded) { _ = try await harness.test.signIn("member") }
    }

    @Test func aRevokedGrantEndsAccessAtTheNextRequest() async throws {
        let harness = try await WebHarness.make()
        _ = try await harness.test.walkList(assignedTo: "canvasser")  // the canvasser's doors: 1 Mill Lane
        let ann = try await harness.annID()
        try await harness.run { client in
            let token = try await harness.token(client, "canvasser")
            try await client.get("/api/v1/people/\(ann)", token: token) { #expect($0.status == .ok) }
            try await harness.test.warden.accounts.revokeAccess(username: "canvasser", actor: .localOperator)
            try await client.get("/api/v1/people/\(ann)", token: token) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func aSpentBudgetGives429AndAnAlert() async throws {
        let harness = try await WebHarness.make(budgets: [.organiser: 2])
        try await harness.run { client in
            let token = try await harness.token(client, "organiser")
            try await client.get("/api/v1/people?q=AA-1", token: token) { response in
                #expect(response.status == .ok)
                #expect(response.headers[HTTPField.Name("Warden-Read-Budget")!] == "1/2")
            }
            try await client.get("/api/v1/people?q=AA-2", token: token) { response in
                #expect(response.status == .ok)
                #expect(response.headers[HTTPField.Name("Warden-Read-Budget-Warning")!] != nil)
            }
            try await client.get("/api/v1/people?q=AA-4", token: token) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.json["detail"] as? String == "Read budget reached: 2 people a day. The data protection officer has been told.")
            }
            try await client.get("/api/v1/people?q=AA-1", token: token) { #expect($0.status == .ok) }  // already read today: free
        }
        let alerts = try await harness.test.warden.alerts.list(actor: .localOperator)
        #expect(alerts.map(\.kind) == [.budgetExhausted])
    }

    /// Five failures lock a username from this client (not from every client: see the service
    /// tests), alike for real and unknown usernames; unknown ones share one alert.
    @Test func repeatedFailedSignInsAreThrottledAlikeForRealAndUnknownUsers() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            for username in ["secretary", "ghost"] {
                for _ in 0..<5 {
                    try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                             body: ByteBuffer(string: #"{"username":"\#(username)","password":"wrong password"}"#)) {
                        #expect($0.status == .unauthorized)
                    }
                }
                try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                         body: ByteBuffer(string: #"{"username":"\#(username)","password":"\#(TestWarden.password)"}"#)) {
                    #expect($0.status == .tooManyRequests, "\(username)")
                }
            }
        }
        let alerts = try await harness.test.warden.alerts.list(actor: .localOperator)
        #expect(alerts.filter { $0.kind == .failedSignIns }.map(\.actor).sorted() == ["secretary", "unknown usernames"])
    }

    @Test func rolesAboveMemberNeedASecondFactorAndCodesCannotBeReplayed() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"username":"dpo","password":"\#(TestWarden.password)"}"#)) { response in
                #expect(response.status == .unauthorized)
                #expect((response.json["detail"] as? String)?.contains("authenticator") == true)
            }
            let code = try await harness.test.code("dpo")
            _ = try await client.token("dpo", totp: code)
            await #expect(throws: WardenError.self) { _ = try await client.token("dpo", totp: code) }
            // A member needs no second factor.
            _ = try await client.token("member", totp: nil)
        }
    }

    @Test func anAdministratorCannotApproveTheirOwnElevatedGrantButASecondOneCan() async throws {
        let harness = try await WebHarness.make()
        try await harness.test.account("admin2", .administrator)
        try await harness.test.account("newdpo", .member)
        try await harness.run { client in
            let admin = try await harness.token(client, "admin")
            let nation = try #require(try await harness.test.warden.areas.all().first { $0.code == "E" }?.id.rawValue)
            let body = #"{"username":"newdpo","role":"data_protection_officer","areaID":\#(nation),"reason":"new DPO","days":30}"#
            let id = try await client.execute(uri: "/api/v1/grants", method: .post,
                                              headers: [.authorization: "Bearer \(admin)", .contentType: "application/json"],
                                              body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                let grant = response.json["grant"] as? [String: Any]
                #expect(grant?["needsApproval"] as? Bool == true)
                return grant?["id"] as? Int ?? 0
            }
            try await client.execute(uri: "/api/v1/grants/\(id)/approve", method: .post, headers: [.authorization: "Bearer \(admin)"]) {
                #expect($0.status == .forbidden)
            }
            let second = try await harness.token(client, "admin2")
            try await client.execute(uri: "/api/v1/grants/\(id)/approve", method: .post, headers: [.authorization: "Bearer \(second)"]) {
                #expect($0.status == .noContent)
            }
            // Only administrators manage grants; only the DPO sees alerts.
            let secretary = try await harness.token(client, "secretary")
            try await client.get("/api/v1/grants", token: secretary) { #expect($0.status == .forbidden) }
            try await client.get("/api/v1/alerts", token: admin) { #expect($0.status == .forbidden) }
            let dpo = try await harness.token(client, "dpo")
            try await client.get("/api/v1/alerts", token: dpo) { #expect($0.status == .ok) }
        }
        let report = try await harness.test.warden.accounts.accessReport(areaID: nil, actor: .localOperator)
        #expect(report.contains { $0.username == "newdpo" && $0.role == .dataProtectionOfficer })
    }

    @Test func theAccessReportListsWhoCanSeeAnArea() async throws {
        let harness = try await WebHarness.make()
        let north = try #require(try await harness.test.warden.areas.all().first { $0.code == "AA" })
        try await harness.run { client in
            let dpo = try await harness.token(client, "dpo")
            try await client.get("/api/v1/access/report?area=\(north.id)", token: dpo) { response in
                #expect(response.status == .ok)
                let lines = response.json["lines"] as? [[String: Any]] ?? []
                // The canvasser's standing grant on AA shows no one: not access to report.
                #expect(Set(lines.compactMap { $0["username"] as? String }) == ["organiser", "secretary", "dpo"])
            }
            let canvasser = try await harness.token(client, "canvasser")
            try await client.get("/api/v1/access/report", token: canvasser) { #expect($0.status == .forbidden) }
        }
    }
}
