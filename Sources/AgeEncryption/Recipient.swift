/// Something a file key can be encrypted to: it produces the header stanza that carries it.
///
/// Internal so that the public surface stays the concrete X25519 and passphrase entry
/// points; a new recipient type only has to conform here.
protocol Recipient: Sendable {
    func wrap(_ fileKey: FileKey) throws -> Stanza
}

/// Something that can recover a file key from a header's stanzas.
protocol Identity: Sendable {
    /// Returns the file key from the first stanza addressed to this identity, or `nil` if no
    /// stanza is. Throws when a stanza of this identity's type is malformed, since a broken
    /// stanza must fail the file rather than be skipped.
    func unwrap(_ stanzas: [Stanza]) throws -> FileKey?
}
