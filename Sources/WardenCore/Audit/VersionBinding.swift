import Crypto

/// The record versions one audit entry wrote: a contiguous run of version identifiers and
/// the SHA-256 of their hashes in order.
///
/// Binding the digest into the entry puts every version under the log's Merkle tree: a
/// version row altered, deleted or slipped in behind Warden's back no longer matches the
/// digest of the entry that claims it, or is claimed by no entry at all.
public struct VersionBinding: Sendable, Hashable, Codable {
    public var first: Int64
    public var last: Int64
    public var digest: [UInt8]

    public init(first: Int64, last: Int64, digest: [UInt8]) {
        self.first = first
        self.last = last
        self.digest = digest
    }

    /// Accumulates version hashes in identifier order into a binding.
    public struct Builder: Sendable {
        private var hasher = SHA256()
        private var first: Int64?
        private var last: Int64 = 0

        public init() {}

        public mutating func add(id: Int64, hash: [UInt8]) {
            if first == nil { first = id }
            last = id
            hasher.update(data: hash)
        }

        /// The binding, or `nil` when no version was added.
        public func finish() -> VersionBinding? {
            guard let first else { return nil }
            return VersionBinding(first: first, last: last, digest: Array(hasher.finalize()))
        }
    }
}
