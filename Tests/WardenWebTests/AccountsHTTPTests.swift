import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Accounts made on the web: an administrator creates one (no grant) and sets up its
/// authenticator, shown once; the holder can then sign in. Nobody else may, on the record.
@Suite struct AccountsHTTPTests {
    @Test func anAdministratorCreatesAnAccountAndSetsUpItsAuthenticator() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let (cookie, csrf, _) = try await StaffPagesTests.signIn(client, harness, "admin", page: "/access")
            let access = try await StaffPagesTests.page(client, "/access", cookie: cookie).html
            #expect(access.contains(#"action="/accounts""#) && access.contains(#"action="/accounts/second-factor""#))
            let made = try await StaffPagesTests.post(client, "/accounts", cookie: cookie, form: "csrf=\(csrf)&username=new.volunteer&password=a-long-first-passphrase")
            #expect(made.location == "/access?done=account")
            #expect(try await StaffPagesTests.page(client, "/access?done=account", cookie: cookie).html.contains("Account created, with no grant yet"))
            let again = try await StaffPagesTests.post(client, "/accounts", cookie: cookie, form: "csrf=\(csrf)&username=new.volunteer&password=a-long-first-passphrase")
            #expect(again.status == .conflict || again.status == .badRequest, "\(again.status)")
            let short = try await StaffPagesTests.post(client, "/accounts", cookie: cookie, form: "csrf=\(csrf)&username=other.one&password=short")
            #expect(short.status == .badRequest)

            let enrolled = try await client.execute(uri: "/accounts/second-factor", method: .post,
                                                    headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                    body: ByteBuffer(string: "csrf=\(csrf)&username=new.volunteer")) { ($0.status, $0.text) }
            #expect(enrolled.0 == .ok && enrolled.1.contains("Shown this once") && enrolled.1.contains("otpauth://totp/"))
            #expect(enrolled.1.components(separatedBy: "<li><code>").count - 1 == 10, "ten recovery codes")
        }
        // Whoever sees a new key holds half of the account: the DPO is told, as for a password reset.
        let alerts = try await harness.test.warden.alerts.list(actor: .localOperator)
        #expect(alerts.contains { $0.kind == .credentialReset && $0.detail == "admin set up a new authenticator for new.volunteer" })
        // The holder signs in with the first password and a code from the new authenticator.
        let code = try await harness.test.code("new.volunteer")
        let signedIn = try await harness.test.warden.authentication.signIn(username: "new.volunteer", password: "a-long-first-passphrase", secondFactor: code)
        #expect(signedIn.actor.label == "new.volunteer")
    }

    @Test func onlyAnAdministratorCreatesAccountsAndTheAPIDoesAsThePageDoes() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let (cookie, csrf, _) = try await StaffPagesTests.signIn(client, harness, "organiser", page: "/canvass")
            let refused = try await StaffPagesTests.post(client, "/accounts", cookie: cookie, form: "csrf=\(csrf)&username=sneaky&password=a-long-first-passphrase")
            #expect(refused.status == .forbidden)

            let token = try await harness.token(client, "admin")
            let created = try await client.execute(uri: "/api/v1/accounts", method: .post,
                                                   headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                                   body: ByteBuffer(string: #"{"username":"api.made","password":"a-long-first-passphrase"}"#)) { $0.status }
            #expect(created == .created)
            let key = try await client.execute(uri: "/api/v1/accounts/api.made/second-factor", method: .post,
                                               headers: [.authorization: "Bearer \(token)"]) { ($0.status, $0.text) }
            #expect(key.0 == .ok && key.1.contains(#""recoveryCodes""#))
        }
        let audit = try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 10)
        #expect(audit.contains { $0.outcome == .refused && $0.actor == "organiser" })
        #expect(try harness.test.sqlValues("SELECT COUNT(*) FROM account WHERE username = 'sneaky'") == ["0"])
    }
}
