import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Passwords and membership status through HTTP: each allowed and refused case.
@Suite("Accounts and memberships through HTTP")
struct AccountHTTPTests {
    func post(_ client: some TestClientProtocol, _ uri: String, token: String, json: String) async throws -> HTTPResponse.Status {
        try await client.execute(uri: uri, method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                 body: ByteBuffer(string: json)) { $0.status }
    }

    @Test func aMemberChangesTheirPasswordWithTheCurrentOneAndEverySessionEnds() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let token = try await client.token("member", totp: nil)
            #expect(try await post(client, "/api/v1/me/password", token: token, json: #"{"current":"wrong one here","new":"a fresh long passphrase"}"#) == .forbidden)
            #expect(try await post(client, "/api/v1/me/password", token: token, json: #"{"current":"\#(TestWarden.password)","new":"password1234"}"#) == .badRequest)
            #expect(try await post(client, "/api/v1/me/password", token: token, json: #"{"current":"\#(TestWarden.password)","new":"a fresh long passphrase"}"#) == .noContent)
            try await client.get("/api/v1/me", token: token) { #expect($0.status == .unauthorized) }
            _ = try await client.token("member", password: "a fresh long passphrase", totp: nil)
        }
    }

    @Test func anAdministratorResetsSomeoneElsesPasswordAndSecondFactorButNotTheirOwn() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let admin = try await harness.token(client, "admin")
            #expect(try await post(client, "/api/v1/accounts/admin/password", token: admin, json: #"{"password":"a fresh long passphrase"}"#) == .forbidden)
            let secretary = try await harness.token(client, "secretary")
            #expect(try await post(client, "/api/v1/accounts/organiser/password", token: secretary, json: #"{"password":"a fresh long passphrase"}"#) == .forbidden)
            #expect(try await post(client, "/api/v1/accounts/organiser/password", token: admin, json: #"{"password":"a fresh long passphrase"}"#) == .noContent)
        }
        // The authenticator is gone: the organiser cannot sign in until a new one is enrolled.
        await #expect(throws: WardenError.self) { _ = try await harness.test.signIn("organiser", password: "a fresh long passphrase") }
        _ = try await harness.test.warden.accounts.enrolSecondFactor(username: "organiser", actor: .localOperator)
        _ = try await harness.test.signIn("organiser", password: "a fresh long passphrase")
        let alerts = try await harness.test.warden.alerts.list(actor: .localOperator)
        #expect(alerts.contains { $0.kind == .credentialReset && $0.detail.contains("organiser") })
    }

    @Test func theSecretaryChangesAMembersStatusAndOthersCannot() async throws {
        let harness = try await WebHarness.make()
        let ann = try await harness.annID()
        try await harness.run { client in
            let organiser = try await harness.token(client, "organiser")
            #expect(try await post(client, "/api/v1/people/\(ann)/membership", token: organiser, json: #"{"event":"suspended","reason":"x"}"#) == .forbidden)
            let secretary = try await harness.token(client, "secretary")
            #expect(try await post(client, "/api/v1/people/\(ann)/membership", token: secretary, json: #"{"event":"nonsense","reason":"x"}"#) == .badRequest)
            #expect(try await post(client, "/api/v1/people/\(ann)/membership", token: secretary, json: #"{"event":"suspended","reason":"complaint upheld"}"#) == .ok)
            #expect(try await post(client, "/api/v1/people/\(ann)/membership", token: secretary, json: #"{"event":"rejoined","reason":"x"}"#) == .conflict)
            try await client.get("/api/v1/people/\(ann)", token: secretary) { #expect($0.json["membershipStatus"] as? String == "suspended") }
        }
    }

    @Test func theMemberPageOffersTheSecretaryTheLifecycleAndSaysWhatChanged() async throws {
        let harness = try await WebHarness.make()
        let ann = try await harness.annID()
        let secretary = try await harness.test.signIn("secretary")
        let organiser = try await harness.test.signIn("organiser")
        try await harness.run { client in
            try await client.execute(uri: "/people/\(ann)", method: .get, headers: [.cookie: "warden_session=\(organiser.token)"]) {
                #expect(!$0.text.contains("/membership"))
            }
            try await client.execute(uri: "/people/\(ann)", method: .get, headers: [.cookie: "warden_session=\(secretary.token)"]) {
                #expect($0.text.contains(#"action="/people/\#(ann)/membership""#))
                #expect($0.text.contains(#"<option value="suspended">"#))
                #expect(!$0.text.contains(#"<option value="reinstated">"#))  // not from active
            }
            let form = "csrf=\(secretary.csrfToken)&event=resigned&reason=letter+received"
            try await client.execute(uri: "/people/\(ann)/membership", method: .post,
                                     headers: [.cookie: "warden_session=\(secretary.token)", .contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: form)) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/people/\(ann)?changed=resigned")
            }
            try await client.execute(uri: "/people/\(ann)?changed=resigned", method: .get, headers: [.cookie: "warden_session=\(secretary.token)"]) {
                #expect($0.text.contains("Membership status changed to resigned"))
            }
        }
    }
}
