import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport
import WardenWeb

/// Every answer the API really gives is in the OpenAPI document: each route is called by an
/// anonymous client and by every role, with good and bad identifiers, queries and bodies,
/// and each status, content type and JSON body must be documented and match its schema.
@Suite("OpenAPI answers")
struct OpenAPIProbeTests {
    @Test func everyAnswerToEveryCallerIsDocumentedAndShapedAsDocumented() async throws {
        let harness = try await WebHarness.make()
        let router = try await buildRouter(warden: harness.test.warden)
        let operations = router.routes
            .map { OpenAPIDocument.Operation(method: $0.method.rawValue, path: $0.path.description) }
            .filter { $0.path.hasPrefix("/api/") }
            // Signing out ends the session the other probes use, so it goes last.
            .sorted { (Self.lastness($0), $0) < (Self.lastness($1), $1) }
        let document = try await OpenAPIRouteTests.document(harness)
        let findings = Findings()
        try await Application(router: router).test(.router) { client in
            var tokens: [(String, String?)] = [("anonymous", nil)]
            for username in ProbeFixture.usernames {
                tokens.append((username, try await harness.token(client, username)))
            }
            let fixture = try await ProbeFixture.make(harness, client: client, tokens: Dictionary(uniqueKeysWithValues: tokens.compactMap { name, token in token.map { (name, $0) } }))
            for operation in operations {
                for (caller, token) in tokens {
                    for probe in fixture.probes(for: operation, document: document) {
                        var headers: HTTPFields = [:]
                        if let token { headers[.authorization] = "Bearer \(token)" }
                        if probe.body != nil { headers[.contentType] = "application/json" }
                        try await client.execute(
                            uri: probe.uri, method: HTTPRequest.Method(operation.method) ?? .get, headers: headers,
                            body: probe.body.map { ByteBuffer(string: $0) }
                        ) { response in
                            findings.add(Self.check(response, operation: operation, document: document, caller: caller, probe: probe))
                        }
                    }
                }
            }
        }
        for finding in findings.all.sorted() {
            Issue.record(Comment(rawValue: finding))
        }
    }

    /// Resigning ends the member's access, and signing out the session the other probes use,
    /// so those two go last, in that order.
    static func lastness(_ operation: OpenAPIDocument.Operation) -> Int {
        if operation.method == "DELETE" && operation.path.hasSuffix("/session") { return 2 }
        if operation.path.hasSuffix("/me/resign") { return 1 }
        return 0
    }

    /// What is wrong with `response` as an answer to `operation`, by the document.
    static func check(
        _ response: TestResponse, operation: OpenAPIDocument.Operation, document: OpenAPIDocument, caller: String, probe: Probe
    ) -> [String] {
        let status = Int(response.status.code)
        let label = "\(operation) \(status)"
        guard document.statuses(operation).contains(status) else {
            return ["\(label): undocumented status (as \(caller): \(probe.uri) \(probe.body ?? ""))"]
        }
        let bytes = Data(response.body.readableBytesView)
        guard !bytes.isEmpty else { return [] }
        let contentType = String((response.headers[.contentType] ?? "").split(separator: ";")[0])
        guard document.response(operation, status: status)?["content"]?[contentType] != nil else {
            return ["\(label): returns \(contentType), which is not documented"]
        }
        guard contentType.hasSuffix("json"), let schema = document.schema(operation, status: status, contentType: contentType) else {
            return []
        }
        guard let value = try? JSONValue(data: bytes) else { return ["\(label): the body is not JSON"] }
        return document.mismatches(value, schema).map { "\(label) as \(caller): \($0)" }
    }
}

/// Collects findings from the client's closures, once each.
final class Findings: @unchecked Sendable {
    private let lock = NSLock()
    private var found = Set<String>()

    func add(_ findings: [String]) {
        lock.withLock { found.formUnion(findings) }
    }

    var all: Set<String> { lock.withLock { found } }
}

/// One call to make: a concrete URI and an optional JSON body.
struct Probe: Sendable {
    var uri: String
    var body: String?
}

/// A Warden with something behind every route: a canvass with a result, a changed contact,
/// a pending grant and an alert, so that each role's answers carry real fields.
struct ProbeFixture: Sendable {
    let harness: WebHarness
    let ann: Int64
    let ward: Int64
    let list: Int64
    let campaign: Int64
    let grant: Int64
    let alert: Int64
    let subjectAccessCase: Int64

    static let usernames = ["member", "canvasser", "organiser", "secretary", "campaign", "dpo", "admin"]
    static let window = "from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"

    /// Fills the Warden through the API itself, as the roles who would: a doorstep result
    /// with answers, a changed email, a pending grant; and finds an alert.
    static func make(_ harness: WebHarness, client: some TestClientProtocol, tokens: [String: String]) async throws -> ProbeFixture {
        let test = harness.test
        let walkList = try await test.walkList(assignedTo: "canvasser")
        // An account no probe signs in as, whose password the administrator may reset.
        try await test.account("spare", .canvasser, areaCode: "AA")
        let ann = try await harness.annID()
        let areas = try await test.warden.areas.all()
        let ward = try #require(areas.first { $0.code == "W1" }).id.rawValue
        let constituency = try #require(areas.first { $0.code == "C" }).id.rawValue
        func call(_ method: HTTPRequest.Method, _ uri: String, as username: String, _ body: String? = nil) async throws -> JSONValue {
            var headers: HTTPFields = [.authorization: "Bearer \(tokens[username] ?? "")"]
            if body != nil { headers[.contentType] = "application/json" }
            return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
                #expect(response.status.code < 300, "setting up: \(method) \(uri) as \(username)")
                return (try? JSONValue(data: Data(response.body.readableBytesView))) ?? .null
            }
        }
        _ = try await call(.post, "/api/v1/canvass/results", as: "canvasser", #"""
            {"person":\#(ann),"walkList":\#(walkList.id.rawValue),"outcome":"spoke","answers":{"intention":"Green","certainty":"likely","likelihood":8,"postalVote":true,"issues":["Housing"],"notes":"Ask about the bus"}}
            """#)
        _ = try await call(.patch, "/api/v1/people/\(ann)/contact", as: "organiser", #"{"email":"ann.new@example.org","reason":"probe"}"#)
        let granted = try await call(.post, "/api/v1/grants", as: "admin",
                                     #"{"username":"organiser","role":"campaign_manager","areaID":\#(constituency),"reason":"probe"}"#)
        let alerts = try await call(.get, "/api/v1/alerts?all=true", as: "dpo")
        let opened = try await call(.post, "/api/v1/sar", as: "dpo", #"{"requester":"Ann Lee","channel":"email"}"#)
        // A signed checkpoint, so the log's routes answer with proofs rather than 404.
        _ = try await test.warden.log.checkpoint()
        var grant: Int64 = 1
        if case .integer(let id) = granted["grant"]?["id"] { grant = id }
        var alert: Int64 = 1
        if case .integer(let id) = alerts["alerts"]?.array?.first?["id"] { alert = id }
        var subjectAccessCase: Int64 = 1
        if case .integer(let id) = opened["id"] { subjectAccessCase = id }
        return ProbeFixture(
            harness: harness, ann: ann, ward: ward, list: walkList.id.rawValue, campaign: walkList.campaignID.rawValue,
            grant: grant, alert: alert, subjectAccessCase: subjectAccessCase)
    }

    /// The calls to make on `operation`: a good one, then bad identifiers, a bad purpose,
    /// missing query parameters and bad bodies.
    func probes(for operation: OpenAPIDocument.Operation, document: OpenAPIDocument) -> [Probe] {
        let path = operation.path
        let good = fill(path, id: goodID(path))
        let query = Self.query(path, ward: ward)
        let body = self.body(operation)
        var probes = [Probe(uri: good + (query.isEmpty ? "" : "?\(query)"), body: body)]
        if path.contains("{") {
            probes.append(Probe(uri: fill(path, id: "x"), body: body))
            probes.append(Probe(uri: fill(path, id: "999999"), body: body))
        }
        probes.append(Probe(uri: good + "?" + [query, "purpose=nonsense"].filter { !$0.isEmpty }.joined(separator: "&"), body: body))
        if !query.isEmpty {
            probes.append(Probe(uri: good, body: body))
            probes.append(Probe(uri: good + "?" + Self.unknown(query), body: body))
        }
        if let body { probes.append(Probe(uri: good, body: Self.unknown(body))) }
        // Every documented boolean query flag, given something that is not a boolean.
        for parameter in document.object(operation)?["parameters"]?.array ?? [] where parameter["schema"]?["type"]?.string == "boolean" {
            if let name = parameter["name"]?.string {
                probes.append(Probe(uri: good + "?" + [query, "\(name)=maybe"].filter { !$0.isEmpty }.joined(separator: "&"), body: body))
            }
        }
        if operation.method == "POST" || operation.method == "PATCH" || operation.method == "PUT" {
            probes.append(Probe(uri: good, body: "{}"))
            probes.append(Probe(uri: good, body: "not json"))
            probes.append(Probe(uri: good, body: #"{"padding":""# + String(repeating: "x", count: 100_000) + #""}"#))
        }
        return probes
    }

    /// `text` (a query or a JSON body) naming things that do not exist: every whole number
    /// made 999999 and every account "nobody".
    static func unknown(_ text: String) -> String {
        text.replacing(/"(username|account)":"[^"]*"/) { #""\#($0.output.1)":"nobody""# }
            .replacing(/account=[^&]*/, with: "account=nobody")
            .replacing(/([=:])[0-9]+([&,}]|$)/) { "\($0.output.1)999999\($0.output.2)" }
    }

    func fill(_ path: String, id: String) -> String {
        path.replacingOccurrences(of: "{id}", with: id)
            .replacingOccurrences(of: "{username}", with: id == "999999" ? "nobody" : "spare")
            .replacingOccurrences(of: "{token}", with: id)
    }

    func goodID(_ path: String) -> String {
        if path.contains("/people/") || path.contains("/members/") { return "\(ann)" }
        if path.contains("/areas/") { return "\(ward)" }
        if path.contains("/walk-lists/") { return "\(list)" }
        if path.contains("/campaigns/") { return "\(campaign)" }
        if path.contains("/grants/") { return "\(grant)" }
        if path.contains("/alerts/") { return "\(alert)" }
        if path.contains("/sar/") { return "\(subjectAccessCase)" }
        return "1"
    }

    static func query(_ path: String, ward: Int64) -> String {
        switch path {
        case "/api/v1/people": "q=lee"
        case "/api/v1/audit/changes": "account=organiser&\(window)"
        case "/api/v1/audit/contacts": "area=\(ward)&\(window)"
        case "/api/v1/access/report": "area=\(ward)"
        case "/api/v1/log/proof/inclusion": "index=0&size=2"
        case "/api/v1/log/proof/consistency": "first=1&second=2"
        case "/api/v1/sar/{id}/candidates": "name=lee&postcode=TN1%201AA"
        default: ""
        }
    }

    func body(_ operation: OpenAPIDocument.Operation) -> String? {
        switch (operation.method, operation.path) {
        case ("POST", "/api/v1/session"):
            #"{"username":"member","password":"wrong password","totp":""}"#
        case ("POST", "/api/v1/grants"):
            #"{"username":"member","role":"canvasser","areaID":\#(ward),"reason":"probe"}"#
        case ("POST", "/api/v1/canvass/results"):
            #"{"person":\#(ann),"walkList":\#(list),"outcome":"not_in"}"#
        case ("PATCH", "/api/v1/people/{id}/contact"):
            #"{"phone":"07700 900123","reason":"probe"}"#
        case ("POST", "/api/v1/people/{id}/membership"):
            #"{"event":"payment_missed","reason":"probe"}"#
        case ("POST", "/api/v1/accounts/{username}/password"):
            #"{"password":"quiet harbour lantern 7431"}"#
        case ("POST", "/api/v1/me/password"):
            #"{"current":"not the password","new":"a long and new passphrase"}"#
        case ("POST", "/api/v1/sar"):
            #"{"requester":"Bob Lee","channel":"post","received":"2026-11-02"}"#
        case ("POST", "/api/v1/sar/{id}/package"):
            #"{"passphrase":"a long probe passphrase"}"#
        case ("POST", "/api/v1/sar/{id}/steps"):
            #"{"step":"extend","months":1,"reason":"probe","told":"\#(Timestamp.now.date)"}"#
        case ("POST", "/api/v1/rollback"):
            #"{"account":"organiser","\#(Self.window.replacingOccurrences(of: "=", with: "\":\"").replacingOccurrences(of: "&", with: "\",\""))","reason":"probe","dryRun":true}"#
        case ("POST", _), ("PATCH", _), ("PUT", _):
            "{}"
        default:
            nil
        }
    }
}
