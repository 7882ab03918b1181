import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenTestSupport
import WardenWeb

/// `/metrics` tells how Warden is used, so it is served only to Prometheus's token.
@Suite("Metrics access")
struct MetricsAccessTests {
    @Test func withoutAConfiguredTokenMetricsAreNotServed() async throws {
        let harness = try await WebHarness.make()
        let router = try await buildRouter(warden: harness.test.warden, configuration: WebConfiguration())
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer "]) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func withATokenOnlyItsBearerReadsMetrics() async throws {
        let harness = try await WebHarness.make()
        let router = try await buildRouter(warden: harness.test.warden, configuration: WebConfiguration(metricsToken: "s3cret-scrape"))
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
            for wrong in ["Bearer s3cret-scrapf", "Bearer s3cret-scrape2", "Bearer s3cret", "Basic s3cret-scrape", "s3cret-scrape"] {
                try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: wrong]) { response in
                    #expect(response.status == .unauthorized, "\(wrong)")
                }
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer s3cret-scrape"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                let text = String(buffer: response.body)
                let reads = text.split(separator: "\n").first { $0.hasPrefix(#"warden_store_transactions{kind="read"}"#) }
                #expect(reads.flatMap { Double($0.split(separator: " ").last ?? "") }.map { $0 > 0 } == true, "\(text.prefix(400))")
            }
        }
    }
}
