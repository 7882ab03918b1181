public import Crypto

extension SignedNote {
    /// Signs `text` with an Ed25519 key, producing a note with one signature line.
    ///
    /// The text must be non-empty, end in a newline and contain no control characters
    /// other than newline, because otherwise the result could not be parsed back into the
    /// same signed message.
    public static func sign(
        text: String,
        with privateKey: Curve25519.Signing.PrivateKey,
        keyName: String
    ) throws -> SignedNote {
        guard text.utf8.last == 0x0A else {
            throw NoteError.malformedNote("note text must end with a newline")
        }
        if text.utf8.contains(where: { $0 < 0x20 && $0 != 0x0A }) {
            throw NoteError.malformedNote("control character")
        }
        let keyID = try NoteKey.keyID(name: keyName, publicKey: privateKey.publicKey)
        let signature = try privateKey.signature(for: Array(text.utf8))
        return SignedNote(
            text: text,
            signatures: [NoteSignature(keyName: keyName, keyID: keyID, signature: Array(signature))]
        )
    }

    /// Verifies that the key (`publicKey`, `keyName`) signed this note, returning the
    /// note's trusted text.
    ///
    /// Follows c2sp.org/signed-note: signature lines whose name *and* key ID do not both
    /// match the key are ignored (they may belong to witnesses or a rotated key); every
    /// line that does match must verify; and at least one must match.
    ///
    /// - Throws: ``NoteError/noMatchingSignature`` or ``NoteError/invalidSignature``.
    public func verified(publicKey: Curve25519.Signing.PublicKey, keyName: String) throws -> String {
        let keyID = try NoteKey.keyID(name: keyName, publicKey: publicKey)
        let candidates = signatures.filter { $0.keyName == keyName && $0.keyID == keyID }
        guard !candidates.isEmpty else { throw NoteError.noMatchingSignature }
        let message = Array(text.utf8)
        for candidate in candidates where !publicKey.isValidSignature(candidate.signature, for: message) {
            throw NoteError.invalidSignature
        }
        return text
    }
}
