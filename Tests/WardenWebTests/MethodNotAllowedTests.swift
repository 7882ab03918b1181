import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenTestSupport
import WardenWeb

/// A route's path with a method it does not serve answers 405 and names the methods it
/// does; a path no route has stays 404.
@Suite("Method not allowed")
struct MethodNotAllowedTests {
    @Test func anUnservedMethodOnAnAPIRouteIs405WithAllow() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            for method: HTTPRequest.Method in [.put, .trace, .delete] {
                try await client.execute(uri: "/api/v1/me", method: method) { response in
                    #expect(response.status == .methodNotAllowed, "\(method)")
                    #expect(response.headers[.allow] == "GET")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
            try await client.execute(uri: "/api/v1/grants/7", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "DELETE")
            }
            try await client.execute(uri: "/api/v1/session", method: .put) { response in
                #expect(response.headers[.allow] == "DELETE, POST")
            }
        }
    }

    @Test func unknownPathsStayNotFound() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            try await client.execute(uri: "/api/v1/nowhere", method: .put) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/people/1/nowhere", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/nowhere", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func anUnservedMethodOnAPageIs405() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            try await client.execute(uri: "/signin", method: .put) { #expect($0.status == .methodNotAllowed) }
        }
    }
}
