@testable import AgeEncryption
import Testing

/// The internal Bech32 codec against the BIP 173 test vectors (checksum constant 1).
struct Bech32Tests {
    @Test(arguments: [
        "A12UEL5L",
        "a12uel5l",
        "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
    ])
    func validChecksums(text: String) throws {
        let (hrp, bytes) = try #require(Bech32.decode(text).map { ($0.hrp, $0.bytes) }, "\(text)")
        #expect(Bech32.encode(hrp: hrp, bytes: bytes) == text.lowercased())
    }

    @Test(arguments: [
        "pzry9x0s0muk",          // no separator
        "1pzry9x0s0muk",         // empty human-readable part
        "x1b4n0q5v",             // invalid data character
        "li1dgmt3",              // checksum too short
        "A1G7SGD8",              // checksum computed on uppercase
        "10a06t8",               // empty human-readable part
        "a12UEL5L",              // mixed case
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx", // wrong checksum
    ])
    func invalidStringsAreRejected(text: String) {
        #expect(Bech32.decode(text) == nil)
    }

    @Test func roundTripsEveryLength() {
        for length in 0...40 {
            let bytes = sampleBytes(count: length, seed: UInt64(length + 1))
            let encoded = Bech32.encode(hrp: "test", bytes: bytes)
            #expect(Bech32.decode(encoded)?.bytes == bytes)
        }
    }
}
