import AgeEncryption
import Crypto
import Foundation
import Testing

/// Runs the official age testkit against the decryptor, checking both the outcome class
/// and the SHA-256 of every plaintext byte released before success or failure.
struct TestVectorTests {
    /// Vectors that need only scrypt, X25519 and the binary encoding (all but armor and the
    /// post-quantum hybrid ones); pinned so that a parsing slip that skips vectors fails.
    static let expectedRunCount = 92

    @Test func officialTestVectors() throws {
        let vectors = try TestVector.all()
        #expect(vectors.count == 143)
        var ran = 0
        var skipped: [String: Int] = [:]
        for vector in vectors {
            if let feature = vector.unsupportedFeature {
                skipped[feature, default: 0] += 1
                continue
            }
            for decryptor in try Self.decryptors(for: vector) {
                // Whole at once, and in pieces that split the header and chunks unevenly.
                for pieceSize in [vector.file.count, 1021] {
                    let (outcome, payloadHash) = Self.run(decryptor, on: vector.file, pieceSize: pieceSize)
                    #expect(outcome == vector.expected, "\(vector.name) (pieces of \(pieceSize))")
                    #expect(payloadHash == vector.payloadHash, "\(vector.name) (pieces of \(pieceSize))")
                }
            }
            ran += 1
        }
        let skips = skipped.sorted { $0.key < $1.key }.map { "\($0.value) for \($0.key)" }.joined(separator: ", ")
        print("age testkit: ran \(ran) of \(vectors.count) vectors; skipped \(skips)")
        #expect(ran == Self.expectedRunCount)
        #expect(ran + skipped.values.reduce(0, +) == vectors.count)
    }

    /// One decryptor per way the vector can be opened: its X25519 identities together, and
    /// each passphrase on its own. A vector with neither is run with no identities.
    private static func decryptors(for vector: TestVector) throws -> [AgeDecryptor] {
        var decryptors = try vector.passphrases.map { try AgeDecryptor(passphrase: $0) }
        if !vector.identities.isEmpty || decryptors.isEmpty {
            decryptors.append(AgeDecryptor(identities: try vector.identities.map(X25519Identity.init)))
        }
        return decryptors
    }

    private static func run(_ decryptor: AgeDecryptor, on file: [UInt8], pieceSize: Int) -> (TestVector.Outcome?, String) {
        var decryptor = decryptor
        var hasher = SHA256()
        let outcome: TestVector.Outcome?
        do {
            for start in stride(from: 0, to: file.count, by: max(pieceSize, 1)) {
                try decryptor.update(file[start..<min(start + pieceSize, file.count)]) { hasher.update(data: $0) }
            }
            try decryptor.finish { hasher.update(data: $0) }
            outcome = .success
        } catch let error as AgeError {
            outcome = TestVector.outcome(of: error)
        } catch {
            outcome = nil
        }
        return (outcome, hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }
}
