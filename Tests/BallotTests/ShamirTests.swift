import Foundation
import Testing
import WardenCore

/// The trustees' key split: Warden's GF(2^8) arithmetic reproduces points worked out by the
/// SLIP-0039 reference implementation, any two of three shares open the key, and one alone
/// does not.
struct ShamirTests {
    struct Vectors: Decodable {
        struct Point: Decodable { var x: UInt8; var y: String }
        struct Vector: Decodable { var shares: [Point]; var points: [Point] }
        var vectors: [Vector]
    }

    static func bytes(_ hex: String) -> [UInt8] {
        stride(from: 0, to: hex.count, by: 2).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
        }
    }

    @Test func pointsWorkedOutByTheReferenceImplementationAreReproduced() throws {
        let url = try #require(Bundle.module.url(forResource: "shamir-vectors", withExtension: "json"))
        let vectors = try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url)).vectors
        #expect(vectors.count == 24)
        for (index, vector) in vectors.enumerated() {
            let shares = vector.shares.map { Shamir.Share(x: $0.x, y: Self.bytes($0.y)) }
            for point in vector.points {
                #expect(try Shamir.interpolate(shares, at: point.x) == Self.bytes(point.y), "vector \(index) at \(point.x)")
            }
        }
    }

    @Test func anyTwoOfThreeSharesOpenTheKeyAndOneAloneDoesNot() throws {
        var random = SeededGenerator(seed: 42)
        let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        let shares = try Shamir.split(key, threshold: 2, count: 3, using: &random)
        #expect(shares.map(\.x) == [1, 2, 3])
        for pair in [[0, 1], [0, 2], [1, 2], [2, 0]] {
            #expect(try Shamir.combine(pair.map { shares[$0] }) == key, "\(pair)")
        }
        for share in shares {
            #expect(try Shamir.combine([share]) != key, "one share alone is not the key")
        }
        // One share tells nothing of the key: split the same key many times, and its first share
        // takes every value about equally often (a zero or fixed coefficient would give the key away).
        var seen = [Int](repeating: 0, count: 256)
        for _ in 0..<25_600 {
            seen[Int(try Shamir.split([key[0]], threshold: 2, count: 3, using: &random)[0].y[0])] += 1
        }
        #expect(seen.min()! > 50 && seen.max()! < 160, "\(seen.min()!)…\(seen.max()!)")
    }

    @Test func badSharesAreRefused() {
        var random = SeededGenerator(seed: 1)
        #expect(throws: WardenError.self) { try Shamir.split([1], threshold: 1, count: 3, using: &random) }
        #expect(throws: WardenError.self) { try Shamir.split([1], threshold: 3, count: 2, using: &random) }
        #expect(throws: WardenError.self) { try Shamir.combine([Shamir.Share(x: 1, y: [1]), Shamir.Share(x: 1, y: [2])]) }
        #expect(throws: WardenError.self) { try Shamir.combine([Shamir.Share(x: 1, y: [1]), Shamir.Share(x: 2, y: [2, 3])]) }
    }
}
