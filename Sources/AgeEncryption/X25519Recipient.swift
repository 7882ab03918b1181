import Crypto

/// An X25519 public key to encrypt to, written `age1…` (Bech32, as `age-keygen` prints it).
///
/// Its string form is public and safe to log or store alongside backups.
public struct X25519Recipient: Sendable, Hashable, CustomStringConvertible {
    static let humanReadablePart = "age"

    let publicKey: [UInt8]

    /// Parses an `age1…` recipient string.
    /// - Throws: ``AgeError/invalidRecipient`` for anything else, including the uppercase form.
    public init(_ string: String) throws {
        guard let (hrp, bytes) = Bech32.decode(string), hrp == Self.humanReadablePart,
              bytes.count == X25519Stanza.keyByteCount
        else { throw AgeError.invalidRecipient }
        publicKey = bytes
    }

    init(publicKey: Curve25519.KeyAgreement.PublicKey) {
        self.publicKey = Array(publicKey.rawRepresentation)
    }

    /// The `age1…` string.
    public var description: String {
        Bech32.encode(hrp: Self.humanReadablePart, bytes: publicKey)
    }
}

extension X25519Recipient: Recipient {
    /// Wraps the file key for this recipient with a fresh ephemeral key pair, so each file
    /// has its own wrapping key even when the recipient stays the same.
    func wrap(_ fileKey: FileKey) throws -> Stanza {
        let ephemeral = Curve25519.KeyAgreement.PrivateKey()
        let share = Array(ephemeral.publicKey.rawRepresentation)
        let sharedSecret = try ephemeral.sharedSecretFromKeyAgreement(
            with: Curve25519.KeyAgreement.PublicKey(rawRepresentation: publicKey)
        )
        guard let key = X25519Stanza.wrappingKey(sharedSecret: sharedSecret, share: share, recipient: publicKey) else {
            throw AgeError.invalidRecipient
        }
        return Stanza(type: X25519Stanza.type, arguments: [Base64.encode(share)], body: try fileKey.wrapped(with: key))
    }
}
