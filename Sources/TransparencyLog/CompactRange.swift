/// An append-only accumulator that knows the current Merkle root of a log without keeping
/// every leaf hash.
///
/// Warden's log grows to tens of millions of entries; recomputing the root from all leaves
/// on every append would be O(n) time and memory. A tree of `size` leaves decomposes
/// uniquely into perfect subtrees, one per set bit of `size` (largest on the left), so it is
/// enough to keep those subtree roots — at most 64 hashes — and merge them as leaves arrive.
/// This structure is sometimes called a "compact range" or "frontier".
///
/// The ``hashes`` and ``size`` can be persisted and restored with
/// ``init(size:hashes:)`` so a restarted server resumes without rereading the log.
public struct CompactRange: Sendable, Equatable {
    /// Number of leaves appended so far.
    public private(set) var size: UInt64

    /// Roots of the perfect subtrees covering `0..<size`, largest (leftmost) first.
    /// There is exactly one per set bit of ``size``.
    public private(set) var hashes: [[UInt8]]

    /// Creates the accumulator for an empty log.
    public init() {
        size = 0
        hashes = []
    }

    /// Restores an accumulator from previously persisted state.
    ///
    /// Validated so that corrupted storage is detected at load time instead of producing
    /// a silently wrong root later.
    public init(size: UInt64, hashes: [[UInt8]]) throws {
        guard hashes.count == size.nonzeroBitCount else {
            throw MerkleError.invalidCompactRange(size: size, hashCount: hashes.count)
        }
        for hash in hashes where hash.count != MerkleTree.hashSize {
            throw MerkleError.invalidHashLength(hash.count)
        }
        self.size = size
        self.hashes = hashes
    }

    /// Appends one leaf hash (the output of ``MerkleTree/leafHash(_:)``).
    ///
    /// Throws if the hash is not 32 bytes, so a caller bug cannot corrupt every future root.
    public mutating func append(leafHash: [UInt8]) throws {
        guard leafHash.count == MerkleTree.hashSize else {
            throw MerkleError.invalidHashLength(leafHash.count)
        }
        appendUnchecked(leafHash)
    }

    /// Hashes a raw log entry into a leaf and appends it.
    public mutating func append(entry: [UInt8]) {
        appendUnchecked(MerkleTree.leafHash(entry))
    }

    /// Appends without a length check; merges equal-sized subtrees like a binary counter.
    mutating func appendUnchecked(_ leafHash: [UInt8]) {
        var hash = leafHash
        var bits = size
        // Each trailing 1-bit of the old size is a perfect subtree of the same height as
        // the one being carried; merge them, exactly like incrementing a binary number.
        while bits & 1 == 1, let left = hashes.popLast() {
            hash = MerkleTree.nodeHash(left, hash)
            bits >>= 1
        }
        hashes.append(hash)
        size += 1
    }

    /// The Merkle tree hash of all leaves appended so far (RFC 9162 §2.1.1).
    ///
    /// Folds the subtree roots right to left, which matches RFC 9162's split at the largest
    /// power of two: the leftmost perfect subtree is always the left child of the root.
    public var root: [UInt8] {
        guard var result = hashes.last else {
            return MerkleTree.emptyRoot
        }
        for left in hashes.dropLast().reversed() {
            result = MerkleTree.nodeHash(left, result)
        }
        return result
    }
}
