/// Produces RFC 9162 inclusion and consistency proofs from a source of leaf hashes.
///
/// The builder does not own storage: it is handed a closure that returns the leaf hashes
/// for a range of indices, so Warden can back it with its database while tests back it
/// with an array.
///
/// Efficiency note: built from leaf hashes, every subtree hash in a proof is recomputed from
/// its leaves, so one proof costs O(n) hashing and leaf reads for a tree of n leaves (memory
/// stays O(log n) because leaves are streamed in chunks). A store that keeps interior nodes
/// hands ``init(subtreeHash:)`` a lookup instead, which makes each proof O(log n).
public struct MerkleProofBuilder {
    /// Returns the leaf hashes for the given indices, in order, exactly one per index.
    public typealias LeafHashSource = (Range<UInt64>) throws -> [[UInt8]]

    /// Number of leaves fetched per call to the source while hashing a large subtree.
    static let fetchChunk: UInt64 = 4096

    /// Returns `MTH` of the leaves in a range. Proofs only ask for ranges that start at a
    /// multiple of the largest power of two not above their length (RFC 9162's splits).
    public typealias SubtreeHashSource = (Range<UInt64>) throws -> [UInt8]

    private let subtreeHash: SubtreeHashSource

    /// Creates a builder that reads leaf hashes through `fetchLeafHashes`.
    public init(fetchLeafHashes: @escaping LeafHashSource) {
        subtreeHash = { leaves in try Self.hashFromLeaves(leaves, fetchLeafHashes) }
    }

    /// Creates a builder over stored subtree hashes.
    public init(subtreeHash: @escaping SubtreeHashSource) {
        self.subtreeHash = subtreeHash
    }

    /// Creates a builder over an in-memory list of leaf hashes.
    public init(leafHashes: [[UInt8]]) {
        self.init(fetchLeafHashes: { range in
            let available = UInt64(leafHashes.count)
            guard range.upperBound <= available else {
                throw MerkleError.indexOutOfRange(index: range.upperBound - 1, size: available)
            }
            return Array(leafHashes[Int(range.lowerBound)..<Int(range.upperBound)])
        })
    }

    /// The root of the tree made of the first `size` leaves.
    public func root(size: UInt64) throws -> [UInt8] {
        try subtreeHash(0..<size)
    }

    /// The audit path (RFC 9162 §2.1.3.1, `PATH(m, D[n])`) proving that leaf `index` is in
    /// the tree of the first `size` leaves. Hashes are ordered leaf-side first.
    public func inclusionProof(index: UInt64, size: UInt64) throws -> [[UInt8]] {
        guard index < size else {
            throw MerkleError.indexOutOfRange(index: index, size: size)
        }
        return try path(index, 0..<size)
    }

    /// The consistency proof (RFC 9162 §2.1.4.1, `PROOF(m, D[n])`) that the tree of the first
    /// `from` leaves is a prefix of the tree of the first `to` leaves.
    ///
    /// Requires `0 < from <= to`; `from == to` yields an empty proof. A proof from the empty
    /// tree is refused because Warden's verifier rejects it (see
    /// ``MerkleTree/verifyConsistency(size1:size2:proof:root1:root2:)``).
    public func consistencyProof(from: UInt64, to: UInt64) throws -> [[UInt8]] {
        guard from > 0, from <= to else {
            throw MerkleError.invalidTreeSizes(first: from, second: to)
        }
        return try subproof(from, 0..<to, isWholeOldTree: true)
    }

    /// `PATH(m, D[leaves])`.
    private func path(_ m: UInt64, _ leaves: Range<UInt64>) throws -> [[UInt8]] {
        let n = leaves.upperBound - leaves.lowerBound
        guard n > 1 else { return [] }
        let k = MerkleTree.splitPoint(n)
        let mid = leaves.lowerBound + k
        if m < k {
            return try path(m, leaves.lowerBound..<mid) + [subtreeHash(mid..<leaves.upperBound)]
        } else {
            return try path(m - k, mid..<leaves.upperBound) + [subtreeHash(leaves.lowerBound..<mid)]
        }
    }

    /// `SUBPROOF(m, D[leaves], b)`; `isWholeOldTree` is the RFC's flag `b`, true while the
    /// subtree being examined is the whole old tree, whose root the verifier already has.
    private func subproof(_ m: UInt64, _ leaves: Range<UInt64>, isWholeOldTree: Bool) throws -> [[UInt8]] {
        let n = leaves.upperBound - leaves.lowerBound
        if m == n {
            return isWholeOldTree ? [] : [try subtreeHash(leaves)]
        }
        let k = MerkleTree.splitPoint(n)
        let mid = leaves.lowerBound + k
        if m <= k {
            return try subproof(m, leaves.lowerBound..<mid, isWholeOldTree: isWholeOldTree)
                + [subtreeHash(mid..<leaves.upperBound)]
        } else {
            return try subproof(m - k, mid..<leaves.upperBound, isWholeOldTree: false)
                + [subtreeHash(leaves.lowerBound..<mid)]
        }
    }

    /// `MTH(D[leaves])`, recomputed from the leaves (O(n), see the type's overview).
    ///
    /// The hash of a subrange is the root of a standalone tree over those leaves, so the
    /// leaves are streamed into a fresh ``CompactRange`` in bounded chunks.
    private static func hashFromLeaves(_ leaves: Range<UInt64>, _ fetchLeafHashes: LeafHashSource) throws -> [UInt8] {
        var range = CompactRange()
        var start = leaves.lowerBound
        while start < leaves.upperBound {
            let end = leaves.upperBound - start > fetchChunk ? start + fetchChunk : leaves.upperBound
            let chunk = try fetchLeafHashes(start..<end)
            guard UInt64(chunk.count) == end - start else {
                throw MerkleError.leafCountMismatch(requested: end - start, returned: chunk.count)
            }
            for hash in chunk {
                try range.append(leafHash: hash)
            }
            start = end
        }
        return range.root
    }
}
