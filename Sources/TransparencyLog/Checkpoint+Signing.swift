public import Crypto

extension Checkpoint {
    /// Signs the checkpoint body with the log's Ed25519 key, returning the signed note text.
    ///
    /// `keyName` should normally equal ``origin`` (the spec's recommendation), but is
    /// separate so a log can rotate keys without changing its identity.
    public func sign(with privateKey: Curve25519.Signing.PrivateKey, keyName: String) throws -> String {
        try SignedNote.sign(text: body, with: privateKey, keyName: keyName).encoded
    }

    /// Parses a signed checkpoint note **without verifying any signature**.
    ///
    /// Useful for routing (e.g. reading the origin to choose a key) and for inspecting
    /// cosignatures. Per the signed-note spec the checkpoint must not be trusted until
    /// ``verify(signedNote:publicKey:keyName:)`` succeeds.
    public static func parse(signedNote: String) throws -> (checkpoint: Checkpoint, signatures: [NoteSignature]) {
        let note = try SignedNote.parse(signedNote)
        return (try Checkpoint(body: note.text), note.signatures)
    }

    /// Verifies a signed checkpoint against the log's key and returns the checkpoint.
    ///
    /// Succeeds only if the note is well formed, at least one signature line carries this
    /// key's name and key ID, every such line verifies over the exact note text, and the
    /// text is a valid checkpoint body. Signatures by other keys (e.g. witnesses) are
    /// ignored. The caller should also check that ``origin`` is the log it expects.
    ///
    /// - Throws: a ``NoteError`` describing the first problem found.
    public static func verify(
        signedNote: String,
        publicKey: Curve25519.Signing.PublicKey,
        keyName: String
    ) throws -> Checkpoint {
        let text = try SignedNote.parse(signedNote).verified(publicKey: publicKey, keyName: keyName)
        return try Checkpoint(body: text)
    }
}
