import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenTestSupport
import WardenWeb

/// The API buffers no more than 64 KiB of any request body: under fuzzing, bodies of
/// megabytes on every connection left the server's memory high after the burst.
@Suite("Body limit")
struct BodyLimitTests {
    @Test func aBodyOver64KiBIsRefusedWithAProblemAndOneUnderIsRead() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let large = #"{"username":"member","password":""# + String(repeating: "x", count: 70 * 1024) + #""}"#
            try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: large)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            let small = #"{"username":"member","password":""# + String(repeating: "x", count: 60 * 1024) + #""}"#
            try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: small)) { response in
                #expect(response.status == .unauthorized, "read, and refused as a wrong password")
            }
        }
    }
}
