import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices

/// No personal data to an anonymous request, on any route.
@Suite("Anonymous access")
struct AnonymousAccessTests {
    static let apiRoutes: [(HTTPRequest.Method, String)] = [
        (.get, "/api/v1/me"), (.get, "/api/v1/people?q=lee"), (.get, "/api/v1/people/1"), (.get, "/api/v1/areas"),
        (.get, "/api/v1/areas/1"), (.get, "/api/v1/stats"), (.delete, "/api/v1/session"), (.get, "/api/v1/accounts"),
        (.get, "/api/v1/grants"), (.post, "/api/v1/grants"), (.post, "/api/v1/grants/1/approve"), (.delete, "/api/v1/grants/1"),
        (.get, "/api/v1/alerts"), (.post, "/api/v1/alerts/1/acknowledge"), (.get, "/api/v1/access/report"),
    ]

    @Test func everyAPIRouteRefusesAnAnonymousRequestWithAProblem() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            for (method, uri) in Self.apiRoutes {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .unauthorized, "\(method) \(uri)")
                    #expect(response.headers[.contentType] == "application/problem+json", "\(uri)")
                    #expect(response.json["status"] as? Int == 401)
                    #expect(!response.text.contains("Lee"))
                }
            }
        }
    }

    @Test func aForgedBearerTokenIsAnonymous() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            try await client.execute(uri: "/api/v1/people?q=lee", method: .get, headers: [.authorization: "Bearer forged"]) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func everyPageSendsAnAnonymousVisitorToSignIn() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            for uri in ["/", "/people", "/people?q=lee", "/people/1", "/areas", "/areas/1", "/alerts", "/access"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .seeOther, "\(uri)")
                    #expect(response.headers[.location] == "/signin", "\(uri)")
                    #expect(!response.text.contains("Lee"))
                }
            }
        }
    }

    @Test func publicRoutesHoldNoPersonalData() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .notFound, "served only to a configured token (MetricsAccessTests)")
                #expect(!response.text.contains("Lee"))
            }
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                let paths = response.json["paths"] as? [String: Any]
                for (_, uri) in Self.apiRoutes {
                    let path = String(uri.split(separator: "?")[0]).replacingOccurrences(of: "/1", with: "/{id}")
                        .replacingOccurrences(of: "{id}/", with: "{id}/")
                    #expect(paths?[path] != nil, "\(path) is not in the OpenAPI document")
                }
            }
            try await client.execute(uri: "/signin", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentSecurityPolicy] != nil)
            }
        }
    }
}
