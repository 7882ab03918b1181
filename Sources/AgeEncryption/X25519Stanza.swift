import Crypto

/// What the X25519 recipient and identity share: the stanza's name and its key schedule.
///
/// Stanza: `-> X25519 <base64 ephemeral share>` with a body of the sealed file key. The
/// wrapping key is HKDF-SHA256(ikm: shared secret, salt: share ‖ recipient,
/// info: "age-encryption.org/v1/X25519"); salting with both public keys binds the stanza to
/// this exchange.
enum X25519Stanza {
    static let type = "X25519"
    static let keyByteCount = 32

    /// The wrapping key, or `nil` when the shared secret is all zeros, which happens exactly
    /// when a public key is a low-order point and would make the key predictable.
    static func wrappingKey(sharedSecret: SharedSecret, share: [UInt8], recipient: [UInt8]) -> SymmetricKey? {
        let isZero = sharedSecret.withUnsafeBytes { bytes in bytes.reduce(0) { $0 | $1 } == 0 }
        guard !isZero else { return nil }
        return sharedSecret.hkdfDerivedSymmetricKey(
            using: SHA256.self,
            salt: share + recipient,
            sharedInfo: Array("age-encryption.org/v1/X25519".utf8),
            outputByteCount: 32
        )
    }
}
