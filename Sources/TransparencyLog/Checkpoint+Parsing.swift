extension Checkpoint {
    /// Parses a checkpoint body (the text of a signed note).
    ///
    /// Strict, so that one checkpoint has exactly one textual form: at least three
    /// non-empty lines each ending in a newline; the size is ASCII digits without leading
    /// zeros (except `0` itself) that fits in `UInt64`; the root hash is the canonical padded
    /// base64 of exactly 32 bytes.
    public init(body: String) throws {
        guard body.utf8.last == 0x0A else {
            throw NoteError.malformedCheckpoint("body must end with a newline")
        }
        let lines = body.utf8.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard lines.count >= 3 else {
            throw NoteError.malformedCheckpoint("body needs origin, size and root hash lines")
        }
        guard let size = Self.parseSize(lines[1]) else {
            throw NoteError.malformedCheckpoint("invalid tree size")
        }
        guard let rootHash = Base64.decodeCanonical(lines[2]) else {
            throw NoteError.malformedCheckpoint("root hash is not canonical base64")
        }
        try self.init(origin: lines[0], size: size, rootHash: rootHash, extensions: Array(lines[3...]))
    }

    /// Decimal digits only, no sign, no leading zeros, no overflow.
    private static func parseSize(_ line: String) -> UInt64? {
        let digits = Array(line.utf8)
        guard !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        guard digits.count == 1 || digits[0] != 0x30 else { return nil }
        return UInt64(line)
    }
}
