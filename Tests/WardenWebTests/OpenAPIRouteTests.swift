import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenTestSupport
import WardenWeb

/// The OpenAPI document and the router describe the same API: every route the server
/// serves under `/api/` is documented and every documented operation is served, so the
/// two cannot drift apart as routes are added.
@Suite("OpenAPI routes")
struct OpenAPIRouteTests {
    @Test func theDocumentNamesExactlyTheAPIRoutesTheRouterServes() async throws {
        let harness = try await WebHarness.make()
        let router = try await buildRouter(warden: harness.test.warden)
        let served = Set(router.routes.map { OpenAPIDocument.Operation(method: $0.method.rawValue, path: $0.path.description) }
            .filter { $0.path.hasPrefix("/api/") })
        #expect(served.count > 20, "the router lists its API routes")
        let document = try await Self.document(harness)
        let documented = document.operations
        for missing in served.subtracting(documented).sorted() {
            Issue.record("\(missing) is served but not in the OpenAPI document")
        }
        for extra in documented.subtracting(served).sorted() {
            Issue.record("\(extra) is in the OpenAPI document but not served")
        }
    }

    @Test func theAPIAcceptsOnlyABearerToken() async throws {
        let harness = try await WebHarness.make()
        let document = try await Self.document(harness)
        let schemes = try #require(document.root["components"]?["securitySchemes"]?.object)
        #expect(schemes.count == 1, "one scheme: the session cookie is not a credential for /api/v1")
        let scheme = try #require(schemes.values.first)
        #expect(scheme["type"]?.string == "http")
        #expect(scheme["scheme"]?.string?.lowercased() == "bearer")
        for operation in document.operations.sorted() {
            for requirement in document.object(operation)?["security"]?.array ?? document.root["security"]?.array ?? [] {
                for name in requirement.object?.keys ?? [:].keys {
                    #expect(schemes[name] != nil, "\(operation) names the unknown scheme \(name)")
                }
            }
        }
    }

    /// Every operation documents the problems any API request may meet: 400 for a bad
    /// request, 401 where a token is needed, 404 where a path names an item, 429 when a
    /// client is throttled or a budget spent.
    @Test func securedOperationsDocumentUnauthorisedAndItemsDocumentNotFound() async throws {
        let harness = try await WebHarness.make()
        let document = try await Self.document(harness)
        for operation in document.operations.sorted() {
            let statuses = document.statuses(operation)
            if document.isSecured(operation) {
                #expect(statuses.contains(401), "\(operation) needs a token but does not document 401")
            }
            if operation.path.contains("{") {
                #expect(statuses.contains(404), "\(operation) names an item but does not document 404")
            }
            for status in statuses where status >= 400 {
                let schema = document.schema(operation, status: status, contentType: "application/problem+json")
                #expect(schema != nil, "\(operation) \(status) is not documented as an RFC 9457 problem")
            }
        }
    }

    static func document(_ harness: WebHarness) async throws -> OpenAPIDocument {
        let box = DocumentBox()
        try await harness.run { client in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                box.data = Data(response.body.readableBytesView)
            }
        }
        return try OpenAPIDocument(data: box.data)
    }
}

/// Carries the document's bytes out of the test client's closure.
final class DocumentBox: @unchecked Sendable {
    var data = Data()
}
