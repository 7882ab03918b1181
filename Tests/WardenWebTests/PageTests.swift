import Foundation
import Hummingbird
import Logging
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport
import WardenWeb

@Suite("HTML pages")
struct PageTests {
    /// The value of `name` in the response's Set-Cookie headers.
    func cookie(_ name: String, in response: TestResponse) -> String? {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == name { return String(pair[1]) }
        }
        return nil
    }

    @Test func signInSearchAndReadAPersonThenSignOut() async throws {
        let harness = try await WebHarness.make()
        let ann = try await harness.annID()
        try await harness.run { client in
            let (csrf, loginCookie) = try await client.execute(uri: "/signin", method: .get) { response in
                (hiddenCSRF(in: response.text), cookie("warden_signin_csrf", in: response))
            }
            let token = try #require(csrf)
            #expect(loginCookie == token)
            let code = try await harness.test.code("secretary")
            let form = "username=secretary&password=\(TestWarden.password.replacingOccurrences(of: " ", with: "+"))&totp=\(code)&csrf=\(token)"
            let session = try await client.execute(
                uri: "/signin", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "warden_signin_csrf=\(token)"],
                body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/membership")
                let setCookie = response.headers[values: .setCookie].first { $0.hasPrefix("warden_session=") } ?? ""
                #expect(setCookie.contains("HttpOnly"))
                #expect(setCookie.contains("Secure"))
                #expect(setCookie.contains("SameSite=Strict"))
                return cookie("warden_session", in: response)
            }
            let sessionCookie = try #require(session)
            let headers: HTTPFields = [.cookie: "warden_session=\(sessionCookie)"]
            let page = try await client.execute(uri: "/people?q=lee", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Ann Lee"))
                #expect(response.headers[.cacheControl] == "no-store")
                return response.text
            }
            try await client.execute(uri: "/people/\(ann)", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("ann@example.org"))
                // The secretary sees every field of a member but their doorstep results (special category data).
                #expect(response.text.contains("Not shown to you: canvass results."))
            }
            try await client.execute(uri: "/areas", method: .get, headers: headers) { #expect($0.text.contains("North Ward")) }

            // Signing out needs the session's CSRF token.
            var signOut = headers
            signOut[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(uri: "/signout", method: .post, headers: signOut, body: ByteBuffer(string: "csrf=wrong")) {
                #expect($0.status == .forbidden)
            }
            let sessionCSRF = try #require(hiddenCSRF(in: page))
            try await client.execute(uri: "/signout", method: .post, headers: signOut, body: ByteBuffer(string: "csrf=\(sessionCSRF)")) {
                #expect($0.status == .seeOther)
            }
            try await client.execute(uri: "/people?q=lee", method: .get, headers: headers) { response in
                #expect(response.status == .seeOther)
                #expect(!response.text.contains("Lee"))
            }
        }
    }

    @Test func aSignInFormWithoutItsCSRFTokenIsRefused() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let form = "username=secretary&password=x&csrf=made-up"
            try await client.execute(uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: form)) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func aWrongPasswordShowsTheFormAgain() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let csrf = try await client.execute(uri: "/signin", method: .get) { hiddenCSRF(in: $0.text) } ?? ""
            try await client.execute(
                uri: "/signin", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "warden_signin_csrf=\(csrf)"],
                body: ByteBuffer(string: "username=secretary&password=nope&csrf=\(csrf)")
            ) { response in
                #expect(response.status == .unauthorized)
                #expect(response.text.contains("Unknown username, wrong password or wrong code."))
                #expect(cookie("warden_session", in: response) == nil)
            }
        }
    }

    @Test func pagesEscapeWhatTheyShow() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let token = try await harness.token(client, "secretary")
            try await client.execute(uri: "/people?q=%3Cscript%3Ealert(1)%3C/script%3E", method: .get,
                                     headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("<script>alert(1)"))
                #expect(response.text.contains("&lt;script&gt;"))
            }
        }
    }
}

@Suite("Access pages")
struct AccessPageTests {
    @Test func theDPOSeesAlertsAndAdministratorsManageGrantsOnPages() async throws {
        let harness = try await WebHarness.make()
        try await harness.test.warden.accounts.revokeAccess(username: "organiser", actor: .localOperator)
        try await harness.run { client in
            let dpo = try await harness.token(client, "dpo")
            try await client.get("/alerts", token: dpo) { #expect($0.status == .ok) }
            try await client.get("/access", token: dpo) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Who can see these people?"))
                #expect(!response.text.contains("Grant access"))
            }
            let admin = try await harness.token(client, "admin")
            try await client.get("/access", token: admin) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Grant access"))
            }
            try await client.get("/alerts", token: admin) { #expect($0.status == .forbidden) }
            let canvasser = try await harness.token(client, "canvasser")
            try await client.get("/access", token: canvasser) { #expect($0.status == .forbidden) }
        }
    }
}

@Suite("Logging")
struct LoggingTests {
    final class Lines: @unchecked Sendable {
        var lines: [String] = []
    }

    @Test func logsAreJSONLinesWithUnknownMetadataRedacted() throws {
        let sink = Lines()
        var logger = Logger(label: "warden.test") { label in JSONLogHandler(label: label) { sink.lines.append($0) } }
        logger[metadataKey: "path"] = "/api/v1/people/1"
        logger.info("request failed", metadata: ["error.type": "DatabaseError", "surname": "Lee"])
        let line = try #require(sink.lines.first)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        #expect(object?["message"] == "request failed")
        #expect(object?["error.type"] == "DatabaseError")
        #expect(object?["path"] == "/api/v1/people/1")
        #expect(object?["surname"] == "[redacted]")
        #expect(!line.contains("Lee"))
    }
}
