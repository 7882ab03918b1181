public import Crypto

/// Identification of Ed25519 signing keys in C2SP signed notes (c2sp.org/signed-note).
///
/// A note signature line names its key by *key name* plus a 4-byte *key ID*. The ID binds
/// the name, the algorithm and the public key together, so a verifier can ignore
/// signatures from other keys that happen to share a name, and a key reused under another
/// algorithm gets a different ID.
public enum NoteKey {
    /// The signature type byte for Ed25519 in c2sp.org/signed-note.
    public static let ed25519Type: UInt8 = 0x01

    /// Reports whether `name` may be used as a key name: non-empty, with no Unicode
    /// whitespace and no `+` (which separates fields in a verifier key string).
    public static func isValidKeyName(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { $0.properties.isWhitespace || $0 == "+" }
    }

    /// The key ID: the first 4 bytes, big-endian, of
    /// `SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)`.
    public static func keyID(name: String, publicKey: Curve25519.Signing.PublicKey) throws -> UInt32 {
        guard isValidKeyName(name) else { throw NoteError.invalidKeyName(name) }
        var hasher = SHA256()
        hasher.update(data: Array(name.utf8))
        hasher.update(data: [0x0A, ed25519Type])
        hasher.update(data: Array(publicKey.rawRepresentation))
        return Array(hasher.finalize()).prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The verifier key string `<name>+<8 hex digits key ID>+<base64(0x01 ‖ public key)>`,
    /// the conventional way to hand a log's public key to clients (as in Go's
    /// `golang.org/x/mod/sumdb/note`).
    public static func verifierKey(name: String, publicKey: Curve25519.Signing.PublicKey) throws -> String {
        let id = try keyID(name: name, publicKey: publicKey)
        let encodedKey = Base64.encode([ed25519Type] + Array(publicKey.rawRepresentation))
        return "\(name)+\(hex(id))+\(encodedKey)"
    }

    /// Parses a verifier key string, checking that its key ID matches the name and key.
    ///
    /// Lets Warden keep a single configuration string per trusted log and detect a
    /// mistyped or mismatched one at startup.
    public static func parseVerifierKey(
        _ verifierKey: String
    ) throws -> (name: String, publicKey: Curve25519.Signing.PublicKey) {
        // The name may not contain "+", but the base64 part may; split on the first two.
        let parts = verifierKey.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, isValidKeyName(String(parts[0])), parts[1].count == 8,
              let id = UInt32(parts[1], radix: 16),
              let encodedKey = Base64.decode(parts[2]),
              encodedKey.count == 33, encodedKey[0] == ed25519Type,
              let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: encodedKey.dropFirst())
        else {
            throw NoteError.malformedVerifierKey(verifierKey)
        }
        let name = String(parts[0])
        guard try keyID(name: name, publicKey: publicKey) == id else {
            throw NoteError.malformedVerifierKey(verifierKey)
        }
        return (name, publicKey)
    }

    /// Formats a key ID as exactly 8 lowercase hex digits.
    static func hex(_ id: UInt32) -> String {
        let digits = String(id, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
