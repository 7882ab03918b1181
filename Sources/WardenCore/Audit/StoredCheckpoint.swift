/// A signed checkpoint as kept in the database.
public struct StoredCheckpoint: Sendable, Hashable {
    public var size: UInt64
    public var rootHash: [UInt8]
    /// The signed note, as served and written to the witness directory.
    public var note: String
    public var at: Timestamp

    public init(size: UInt64, rootHash: [UInt8], note: String, at: Timestamp) {
        self.size = size
        self.rootHash = rootHash
        self.note = note
        self.at = at
    }
}
