/// Errors from parsing, signing or verifying C2SP signed notes and checkpoints.
///
/// Every verification failure is an error rather than a `nil` so that callers (and logs)
/// can tell a malformed note from a forged one.
public enum NoteError: Error, Equatable, Sendable {
    /// The signed note does not follow the c2sp.org/signed-note syntax.
    case malformedNote(String)
    /// The note text is not a valid c2sp.org/tlog-checkpoint body.
    case malformedCheckpoint(String)
    /// A key name is empty or contains a Unicode space or `+`.
    case invalidKeyName(String)
    /// A verifier key string is not `<name>+<hex key ID>+<base64(0x01 ‖ key)>`.
    case malformedVerifierKey(String)
    /// No signature line carries both the expected key name and key ID.
    case noMatchingSignature
    /// A signature line for the expected key failed to verify.
    case invalidSignature
}
