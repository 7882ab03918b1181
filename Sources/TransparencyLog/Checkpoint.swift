/// A transparency-log checkpoint (c2sp.org/tlog-checkpoint): the log's identity, its size
/// and its Merkle root at that size.
///
/// A signed checkpoint is the log's commitment to its entire history. Clients keep the
/// latest one they verified and demand consistency proofs between checkpoints, so any
/// rewrite of history becomes detectable.
///
/// The body (the signed note text) is:
/// ```
/// <origin>
/// <tree size, decimal, no leading zeros>
/// <base64(root hash)>
/// [extension lines…]
/// ```
/// each line ending in a newline.
public struct Checkpoint: Sendable, Equatable {
    /// Unique identity of the log, conventionally a schema-less URL such as
    /// `warden.example/audit`.
    public let origin: String
    /// Number of entries in the log.
    public let size: UInt64
    /// The RFC 6962 Merkle root over the first ``size`` entries (32 bytes).
    public let rootHash: [UInt8]
    /// Optional opaque extension lines. The spec discourages them because monitors cannot
    /// audit them.
    public let extensions: [String]

    /// Creates a checkpoint, validating it so that every `Checkpoint` value has a body
    /// that parses back to itself.
    ///
    /// - Throws: ``NoteError/malformedCheckpoint(_:)`` for an empty origin or extension
    ///   line, a line containing a control character (including newline), or a root hash that is not 32 bytes.
    public init(origin: String, size: UInt64, rootHash: [UInt8], extensions: [String] = []) throws {
        guard Self.isValidLine(origin) else {
            throw NoteError.malformedCheckpoint("origin must be a non-empty line without control characters")
        }
        guard rootHash.count == MerkleTree.hashSize else {
            throw NoteError.malformedCheckpoint("root hash must be \(MerkleTree.hashSize) bytes")
        }
        guard extensions.allSatisfy(Self.isValidLine) else {
            throw NoteError.malformedCheckpoint("extension lines must be non-empty lines without control characters")
        }
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
        self.extensions = extensions
    }

    /// The note text that gets signed: origin, size and base64 root, then any extension
    /// lines, each terminated by a newline.
    public var body: String {
        ([origin, String(size), Base64.encode(rootHash)] + extensions)
            .map { $0 + "\n" }
            .joined()
    }

    /// A body line must be non-empty and free of ASCII control characters (which also
    /// excludes newlines inside a line).
    static func isValidLine(_ line: String) -> Bool {
        !line.isEmpty && !line.utf8.contains { $0 < 0x20 }
    }
}
