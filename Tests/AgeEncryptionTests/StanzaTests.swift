@testable import AgeEncryption
import Testing

/// Body wrapping at 64 columns and header encode/parse round trips, for body sizes the
/// built-in recipients never produce (their bodies are 43 columns).
struct StanzaTests {
    @Test(arguments: [0, 1, 47, 48, 49, 96, 100])
    func bodyLinesEndWithAShortLine(bodySize: Int) throws {
        let stanza = Stanza(type: "test", arguments: ["a", "b"], body: sampleBytes(count: bodySize))
        let lines = String(decoding: stanza.encoded, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "-> test a b")
        #expect(lines.last == "", "the stanza ends with a line feed")
        let bodyLines = lines.dropFirst().dropLast()
        #expect(bodyLines.dropLast().allSatisfy { $0.count == 64 })
        #expect(try #require(bodyLines.last).count < 64, "a body whose base64 fills whole lines needs an empty last line")
    }

    @Test func headerRoundTripsThroughParser() throws {
        let stanzas = [0, 48, 49, 100].map { Stanza(type: "t\($0)", arguments: ["x"], body: sampleBytes(count: $0)) }
        let fileKey = FileKey()
        let encoded = Header.encode(stanzas: stanzas, fileKey: fileKey)
        var scan = 0
        #expect(Header.end(in: encoded + [1, 2, 3], scanFrom: &scan) == encoded.count)
        let header = try Header(parsing: encoded[...])
        #expect(header.stanzas == stanzas)
        #expect(fileKey.isValidHeaderMAC(header.mac, for: header.authenticatedBytes))
        #expect(!FileKey().isValidHeaderMAC(header.mac, for: header.authenticatedBytes))
    }
}
