public import Crypto
import Foundation

/// A ballot's key and its sealed ballots.
///
/// Each ranking is sealed with HPKE (RFC 9180, base mode: X25519, HKDF-SHA256,
/// ChaCha20-Poly1305) to the ballot's public key, bound to the ballot's identity. The private
/// key exists only as Shamir shares held by the trustees (the returning officer and two
/// scrutineers, any two of whom open it after the close). Every sealed ranking has the same
/// length whatever it ranks, so its size tells nothing. Its tracker is the hash of what is
/// stored: what the voter keeps, and what the bulletin board lists.
public enum BallotSeal {
    static let ciphersuite = HPKE.Ciphersuite.Curve25519_SHA256_ChachaPoly

    /// A new key: the public half, and the private half split into `count` shares of which
    /// `threshold` open it. The private key itself is not kept.
    public static func newKey(threshold: Int = 2, count: Int = 3, using random: inout some RandomNumberGenerator) throws
        -> (publicKey: Curve25519.KeyAgreement.PublicKey, shares: [Shamir.Share]) {
        let key = Curve25519.KeyAgreement.PrivateKey()
        return (key.publicKey, try Shamir.split(Array(key.rawRepresentation), threshold: threshold, count: count, using: &random))
    }

    /// The private key the trustees' `shares` rebuild, refused unless it is the one whose
    /// public half the ballot published: too few shares, or a wrong one, never open anything.
    public static func openKey(_ shares: [Shamir.Share], publicKey: Curve25519.KeyAgreement.PublicKey) throws -> Curve25519.KeyAgreement.PrivateKey {
        guard let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: try Shamir.combine(shares)),
              key.publicKey.rawRepresentation == publicKey.rawRepresentation
        else { throw WardenError.forbidden("these shares do not open the ballot's key: two trustees' own shares are needed") }
        return key
    }

    /// A sealed ranking as it is stored: no voter, no time.
    public struct Sealed: Sendable, Hashable, Codable {
        public var encapsulatedKey: [UInt8]
        public var ciphertext: [UInt8]

        public init(encapsulatedKey: [UInt8], ciphertext: [UInt8]) {
            self.encapsulatedKey = encapsulatedKey
            self.ciphertext = ciphertext
        }

        /// As stored: the encapsulated key (32 bytes for X25519), then the ciphertext.
        public var bytes: [UInt8] { encapsulatedKey + ciphertext }

        public init?(bytes: [UInt8]) {
            guard bytes.count > 32 else { return nil }
            self.init(encapsulatedKey: Array(bytes.prefix(32)), ciphertext: Array(bytes.dropFirst(32)))
        }

        /// The ballot's tracker: SHA-256 of what is stored, in hex.
        public var tracker: String {
            Hex.encode(Array(SHA256.hash(data: encapsulatedKey + ciphertext)))
        }
    }

    /// Seals `ranking` (candidate numbers from 1, first preference first) for the ballot
    /// `ballot` of `candidates` candidates.
    public static func seal(_ ranking: [Int], candidates: Int, ballot: String, to publicKey: Curve25519.KeyAgreement.PublicKey) throws -> Sealed {
        var sender = try HPKE.Sender(recipientKey: publicKey, ciphersuite: ciphersuite, info: info(ballot))
        let ciphertext = try sender.seal(try encode(ranking, candidates: candidates), authenticating: Data(ballot.utf8))
        return Sealed(encapsulatedKey: Array(sender.encapsulatedKey), ciphertext: Array(ciphertext))
    }

    /// Opens one sealed ranking with the ballot's private key; refused if it was sealed for
    /// another ballot or changed since.
    public static func open(_ sealed: Sealed, candidates: Int, ballot: String, with key: Curve25519.KeyAgreement.PrivateKey) throws -> [Int] {
        var recipient = try HPKE.Recipient(privateKey: key, ciphersuite: ciphersuite, info: info(ballot), encapsulatedKey: Data(sealed.encapsulatedKey))
        return try decode(Array(try recipient.open(sealed.ciphertext, authenticating: Data(ballot.utf8))), candidates: candidates)
    }

    static func info(_ ballot: String) -> Data {
        Data("warden ballot v1 \(ballot)".utf8)
    }

    /// Two bytes a place, as many places as candidates, unused places zero: one length for every ranking.
    static func encode(_ ranking: [Int], candidates: Int) throws -> Data {
        guard ranking.count <= candidates, Set(ranking).count == ranking.count, ranking.allSatisfy({ (1...candidates).contains($0) }) else {
            throw WardenError.invalidRequest("ranking: each candidate at most once, by their number from 1 to \(candidates)")
        }
        var bytes = Data(count: candidates * 2)
        for (place, candidate) in ranking.enumerated() {
            bytes[place * 2] = UInt8(candidate >> 8)
            bytes[place * 2 + 1] = UInt8(candidate & 0xFF)
        }
        return bytes
    }

    static func decode(_ bytes: [UInt8], candidates: Int) throws -> [Int] {
        guard bytes.count == candidates * 2 else { throw WardenError.invalidRequest("a sealed ranking of the wrong length") }
        return stride(from: 0, to: bytes.count, by: 2).map { Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]) }.prefix { $0 != 0 }.map { $0 }
    }
}
