import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// The API's listing: what the people page lists (names, streets, statuses), a page at a
/// time with where the next starts; every parameter checked.
@Suite struct ListingHTTPTests {
    @Test func anAPIClientPagesThroughAListingOfNamesAndStreetsOnly() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let token = try await harness.token(client, "secretary")
            func get(_ uri: String) async throws -> (HTTPResponse.Status, String) {
                try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"]) { ($0.status, $0.text) }
            }
            let (status, body) = try await get("/api/v1/listing?status=active&order=street")
            #expect(status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            #expect(json["total"] as? Int == 2 && json["offset"] as? Int == 0 && json["next"] == nil)
            let people = try #require(json["people"] as? [[String: Any]])
            #expect(people.count == 2)
            #expect(people.allSatisfy { $0["emails"] == nil && $0["phones"] == nil && $0["dateOfBirth"] == nil })
            #expect(!body.contains("1 Mill Lane") && body.contains("Mill Lane"), "the street, never the house number")
            for bad in ["/api/v1/listing?status=gone", "/api/v1/listing?from=x", "/api/v1/listing?ranOutBy=soon", "/api/v1/listing?order=age", "/api/v1/listing"] {
                #expect(try await get(bad).0 == .badRequest, "\(bad)")
            }
        }
    }
}
