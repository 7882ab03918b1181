import Crypto

/// An X25519 private key that opens files encrypted to its ``recipient``, written
/// `AGE-SECRET-KEY-1…` as in the key files `age-keygen` produces.
///
/// `description` shows only the public recipient, so an identity that ends up in a log
/// line or an interpolated string does not leak the secret; the secret is only ever
/// available through the deliberately named ``secretKeyString``.
public struct X25519Identity: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    static let humanReadablePart = "AGE-SECRET-KEY-"

    private let privateKey: Curve25519.KeyAgreement.PrivateKey

    /// Generates a new identity from the system's secure random source.
    public init() {
        privateKey = Curve25519.KeyAgreement.PrivateKey()
    }

    /// The identity whose secret scalar is `bytes` (32 of them): for a key derived from a
    /// secret held elsewhere, such as a one-time link's token.
    /// - Throws: ``AgeError/invalidIdentity`` for any other length.
    public init(secretBytes bytes: [UInt8]) throws {
        guard bytes.count == X25519Stanza.keyByteCount, let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: bytes)
        else { throw AgeError.invalidIdentity }
        privateKey = key
    }

    /// Parses an `AGE-SECRET-KEY-1…` identity string.
    /// - Throws: ``AgeError/invalidIdentity``, which does not repeat the string.
    public init(_ string: String) throws {
        guard let (hrp, bytes) = Bech32.decode(string), hrp == Self.humanReadablePart,
              bytes.count == X25519Stanza.keyByteCount,
              let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: bytes)
        else { throw AgeError.invalidIdentity }
        privateKey = key
    }

    /// The public key that files for this identity are encrypted to.
    public var recipient: X25519Recipient {
        X25519Recipient(publicKey: privateKey.publicKey)
    }

    /// The `AGE-SECRET-KEY-1…` string, in the uppercase form `age-keygen` writes. Secret.
    public var secretKeyString: String {
        Bech32.encode(hrp: Self.humanReadablePart, bytes: Array(privateKey.rawRepresentation)).uppercased()
    }

    public var description: String { "X25519Identity(\(recipient))" }

    public var debugDescription: String { description }
}

extension X25519Identity: Identity {
    func unwrap(_ stanzas: [Stanza]) throws -> FileKey? {
        let recipientKey = recipient.publicKey
        for stanza in stanzas where stanza.type == X25519Stanza.type {
            guard stanza.arguments.count == 1,
                  let share = Base64.decode(stanza.arguments[0]),
                  share.count == X25519Stanza.keyByteCount,
                  stanza.body.count == FileKey.byteCount + PayloadCipher.tagSize,
                  let sharePoint = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: share)
            else { throw AgeError.malformedStanza(type: X25519Stanza.type) }
            let sharedSecret = try privateKey.sharedSecretFromKeyAgreement(with: sharePoint)
            guard let key = X25519Stanza.wrappingKey(sharedSecret: sharedSecret, share: share, recipient: recipientKey) else {
                throw AgeError.lowOrderShare
            }
            if let fileKey = FileKey(unwrapping: stanza.body, with: key) {
                return fileKey
            }
        }
        return nil
    }
}
