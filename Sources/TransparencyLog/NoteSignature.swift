/// One signature line of a C2SP signed note: `— <key name> <base64(key ID ‖ signature)>`.
///
/// Parsing a line does not verify it; the key name and ID only say which key *claims*
/// to have signed.
public struct NoteSignature: Sendable, Equatable {
    /// The signer's key name (conventionally the log origin).
    public let keyName: String
    /// The 4-byte key ID, big-endian (see ``NoteKey/keyID(name:publicKey:)``).
    public let keyID: UInt32
    /// The raw signature bytes after the key ID (64 bytes for Ed25519).
    public let signature: [UInt8]

    /// Creates a signature entry.
    public init(keyName: String, keyID: UInt32, signature: [UInt8]) {
        self.keyName = keyName
        self.keyID = keyID
        self.signature = signature
    }

    /// The signature line, including its trailing newline.
    public var line: String {
        let idBytes: [UInt8] = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: keyID >> $0) }
        return "\u{2014} \(keyName) \(Base64.encode(idBytes + signature))\n"
    }
}
