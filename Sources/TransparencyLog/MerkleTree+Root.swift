extension MerkleTree {
    /// The Merkle tree hash (MTH, RFC 9162 §2.1.1) of a list of leaf hashes.
    ///
    /// This is the reference definition of a root: convenient for tests and small trees.
    /// It streams the hashes through a ``CompactRange``, so it needs only O(log n) extra
    /// memory beyond the input; for a live log prefer keeping a ``CompactRange`` so the
    /// hashes never all need to be in memory at once.
    ///
    /// Leaf hashes are not length-checked here; pass the output of ``leafHash(_:)``.
    public static func root(ofLeafHashes leafHashes: [[UInt8]]) -> [UInt8] {
        var range = CompactRange()
        for hash in leafHashes {
            range.appendUnchecked(hash)
        }
        return range.root
    }

    /// The size of the left subtree when a tree of `n > 1` leaves is split: the largest
    /// power of two strictly smaller than `n` (RFC 9162 §2.1.1).
    static func splitPoint(_ n: UInt64) -> UInt64 {
        1 << (UInt64.bitWidth - (n - 1).leadingZeroBitCount - 1)
    }
}
