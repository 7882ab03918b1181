import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport
import WardenWeb

/// A Warden with areas, a register, members and one account per role, served in process.
struct WebHarness {
    let test: TestWarden

    static func make(budgets: [Role: Int] = [:]) async throws -> WebHarness {
        let test = try await TestWarden.make(budgets: budgets)
        try await test.loadAreas()
        try await test.loadRegister()
        try await test.loadMembers()
        try await test.account("secretary", .membershipSecretary, areaCode: "C")
        try await test.account("canvasser", .canvasser, areaCode: "AA")
        try await test.account("organiser", .organiser, areaCode: "W1")
        try await test.account("dpo", .dataProtectionOfficer, areaCode: "E")
        try await test.account("campaign", .campaignManager, areaCode: "C")
        try await test.account("member", .member, membershipNumber: "M1")
        return WebHarness(test: test)
    }

    func run(configuration: WebConfiguration = WebConfiguration(), _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = try await buildRouter(warden: test.warden, configuration: configuration)
        try await Application(router: router).test(.router, body)
    }

    /// Ann Lee's person id (north, member M1), found as the local operator.
    func annID() async throws -> Int64 { try await personID("M1") }

    /// Cat Ray's person id (south, member M2).
    func catID() async throws -> Int64 { try await personID("M2") }

    func personID(_ text: String) async throws -> Int64 {
        let found = try await test.warden.people.search(PeopleQuery(text: text), actor: .localOperator, purpose: .membershipAdministration)
        guard let id = found.value.first?.id.rawValue else { throw WardenError.notFound(text) }
        return id
    }
}

extension WebHarness {
    /// Signs in through the API, with the account's current code, and returns the bearer token.
    func token(_ client: some TestClientProtocol, _ username: String) async throws -> String {
        try await client.token(username, totp: try? await test.code(username))
    }
}

extension TestClientProtocol {
    /// Signs in through the API and returns the bearer token.
    func token(_ username: String, password: String = TestWarden.password, totp: String?) async throws -> String {
        let body = #"{"username":"\#(username)","password":"\#(password)","totp":"\#(totp ?? "")"}"#
        return try await execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                 body: ByteBuffer(string: body)) { response in
            guard response.status == .ok,
                  let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any],
                  let token = json["token"] as? String
            else { throw WardenError.signInFailed }
            return token
        }
    }

    /// GETs `uri` with a bearer token and hands the response to `check`.
    @discardableResult
    func get<T>(_ uri: String, token: String, _ check: @escaping @Sendable (TestResponse) async throws -> T) async throws -> T {
        try await execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"], testCallback: check)
    }
}

extension TestClientProtocol {
    /// Calls `uri` with a bearer token (and `body` as JSON), expects `status`, and hands back the response.
    @discardableResult
    func call(_ method: HTTPRequest.Method, _ uri: String, token: String, _ body: String? = nil,
              expect status: HTTPResponse.Status) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            #expect(response.status == status, "\(method) \(uri): \(response.text)")
            return response
        }
    }

    /// Signs `username` in through the form (with the test password and `code`) and returns the
    /// session cookie, the session's CSRF token as `page` shows it, and where the sign-in led.
    func signInPage(_ username: String, code: String?, page: String) async throws -> (cookie: String, csrf: String, landing: String) {
        let csrf = try await execute(uri: "/signin", method: .get) { hiddenCSRF(in: $0.text) } ?? ""
        let (cookie, landing) = try await execute(
            uri: "/signin", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "warden_signin_csrf=\(csrf)"],
            body: ByteBuffer(string: "username=\(username)&password=\(TestWarden.password.replacingOccurrences(of: " ", with: "+"))&totp=\(code ?? "")&csrf=\(csrf)")
        ) { response in
            let cookie = response.headers[values: .setCookie].first { $0.hasPrefix("warden_session=") }
                .map { String($0.split(separator: ";")[0].dropFirst("warden_session=".count)) } ?? ""
            return (cookie, response.headers[.location] ?? "")
        }
        let sessionCSRF = try await execute(uri: page, method: .get, headers: [.cookie: "warden_session=\(cookie)"]) { hiddenCSRF(in: $0.text) } ?? ""
        return (cookie, sessionCSRF, landing)
    }
}

/// The value of the first hidden `csrf` field in a page.
func hiddenCSRF(in html: String) -> String? {
    guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
    return String(html[range.upperBound...].prefix { $0 != "\"" })
}

extension TestResponse {
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    var text: String { String(buffer: body) }
}
