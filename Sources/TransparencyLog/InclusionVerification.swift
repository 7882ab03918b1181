extension MerkleTree {
    /// Checks an inclusion proof exactly as RFC 9162 §2.1.3.2 specifies.
    ///
    /// This is how a client convinces itself, without trusting the server, that the entry
    /// with `leafHash` sits at position `index` of the tree of `size` leaves whose root it
    /// already trusts (typically from a verified ``Checkpoint``).
    ///
    /// Returns `false` (never throws) for every malformed or wrong input: an index outside
    /// `0..<size`, a leaf hash or proof element that is not 32 bytes, a proof that is too
    /// long or too short for the tree shape, or a computed root that differs from `root`.
    /// Roots are compared byte for byte.
    public static func verifyInclusion(
        leafHash: [UInt8],
        index: UInt64,
        size: UInt64,
        proof: [[UInt8]],
        root: [UInt8]
    ) -> Bool {
        // Step 1: the leaf must be inside the tree.
        guard index < size else { return false }
        guard leafHash.count == hashSize, proof.allSatisfy({ $0.count == hashSize }) else {
            return false
        }
        // Steps 2–3.
        var fn = index
        var sn = size - 1
        var r = leafHash
        // Step 4.
        for p in proof {
            // 4a: the path is longer than the tree is deep.
            if sn == 0 { return false }
            // 4b: fn is a right child, or the last node of its level (no right sibling).
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                if fn & 1 == 0 {
                    // Skip the levels where this node has no sibling and is promoted as is.
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = nodeHash(r, p)
            }
            // 4c.
            fn >>= 1
            sn >>= 1
        }
        // Step 5: the path must reach exactly the root level, and land on the root.
        return sn == 0 && r == root
    }
}
