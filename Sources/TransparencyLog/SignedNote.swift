/// A C2SP signed note (c2sp.org/signed-note): text, a blank line, then signature lines.
///
/// ```
/// <text, ending in a newline>
///
/// — <key name> <base64(4-byte key ID ‖ signature)>
/// ```
///
/// The signed message is the text *including* its final newline but not the blank
/// separator line. The text may itself contain blank lines; the *last* blank line in the
/// note separates text from signatures. A note must be valid UTF-8 (guaranteed by
/// `String`) with no ASCII control characters other than newline.
///
/// The text of a parsed note must not be trusted until a signature from a trusted key has
/// been verified; see ``verified(publicKey:keyName:)``.
public struct SignedNote: Sendable, Equatable {
    /// The note text, ending in a newline. This is exactly the signed message.
    public let text: String
    /// The signature lines, in order.
    public let signatures: [NoteSignature]

    /// Upper bound on signature lines, to bound work on hostile input. The spec requires
    /// accepting at least 16; 100 matches Go's reference implementation.
    public static let maxSignatures = 100

    /// Creates a note from already-validated parts.
    public init(text: String, signatures: [NoteSignature]) {
        self.text = text
        self.signatures = signatures
    }

    /// The serialized note: text, blank line, signature lines.
    public var encoded: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// Parses (but does not verify) a signed note.
    ///
    /// Throws ``NoteError/malformedNote(_:)`` when there is no blank line followed by at
    /// least one well-formed signature line, on control characters, on bad key names or
    /// base64, or on more than ``maxSignatures`` signatures.
    public static func parse(_ note: String) throws -> SignedNote {
        let bytes = Array(note.utf8)
        if bytes.contains(where: { $0 < 0x20 && $0 != 0x0A }) {
            throw NoteError.malformedNote("control character")
        }
        // The text ends at the last "\n\n": its first newline ends the text, the second
        // is the blank separator line.
        guard let split = bytes.indices.dropLast().last(where: { bytes[$0] == 0x0A && bytes[$0 + 1] == 0x0A })
        else {
            throw NoteError.malformedNote("missing blank line before signatures")
        }
        let text = bytes[...split]
        let block = bytes[(split + 2)...]
        guard let lastByte = block.last, lastByte == 0x0A else {
            throw NoteError.malformedNote("missing or unterminated signature lines")
        }
        let lines = block.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count <= maxSignatures else {
            throw NoteError.malformedNote("too many signatures")
        }
        let signatures = try lines.map(parseSignatureLine)
        return SignedNote(text: String(decoding: text, as: UTF8.self), signatures: signatures)
    }

    /// The UTF-8 of "— " (U+2014 EM DASH, space) that starts every signature line.
    private static let linePrefix = Array("\u{2014} ".utf8)

    private static func parseSignatureLine(_ line: ArraySlice<UInt8>) throws -> NoteSignature {
        guard line.starts(with: linePrefix) else {
            throw NoteError.malformedNote("signature line must start with an em dash and a space")
        }
        let rest = line.dropFirst(linePrefix.count)
        guard let space = rest.firstIndex(of: 0x20) else {
            throw NoteError.malformedNote("signature line has no space after the key name")
        }
        let name = String(decoding: rest[..<space], as: UTF8.self)
        let encoded = String(decoding: rest[(space + 1)...], as: UTF8.self)
        guard NoteKey.isValidKeyName(name) else {
            throw NoteError.malformedNote("invalid key name")
        }
        // At least 4 bytes of key ID and 1 byte of signature.
        guard let raw = Base64.decode(encoded), raw.count >= 5 else {
            throw NoteError.malformedNote("invalid signature encoding")
        }
        let keyID = raw.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return NoteSignature(keyName: name, keyID: keyID, signature: Array(raw.dropFirst(4)))
    }
}
