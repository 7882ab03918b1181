extension MerkleTree {
    /// Checks a consistency proof exactly as RFC 9162 §2.1.4.2 specifies, plus Warden's
    /// rules for the cases the RFC algorithm does not cover.
    ///
    /// A consistency proof shows that the tree of `size1` leaves (root `root1`) is a prefix
    /// of the tree of `size2` leaves (root `root2`) — i.e. the log only appended and never
    /// rewrote history. This is the check that makes the audit log tamper-evident.
    ///
    /// Rules, in order:
    /// - `size2 < size1` is rejected (a log cannot shrink).
    /// - **`size1 == 0` is always rejected, even when `size2 == 0`.** The empty tree is
    ///   trivially a prefix of every tree, so a "proof" from it carries no information and
    ///   accepting one would let a caller skip verification by claiming an empty old state.
    ///   A client with no previous checkpoint must simply verify the new checkpoint's
    ///   signature. (This matches the transparency-dev test vectors Warden is tested against.)
    /// - `size1 == size2` succeeds only with an empty proof and `root1 == root2`
    ///   (byte-for-byte; nothing else is checked because nothing else is claimed).
    /// - Otherwise the RFC algorithm runs: the proof must be non-empty, every element must
    ///   be 32 bytes, and both recomputed roots must match.
    ///
    /// Never throws; every failure is `false`.
    public static func verifyConsistency(
        size1: UInt64,
        size2: UInt64,
        proof: [[UInt8]],
        root1: [UInt8],
        root2: [UInt8]
    ) -> Bool {
        guard size2 >= size1 else { return false }
        guard size1 > 0 else { return false }
        if size1 == size2 {
            return proof.isEmpty && root1 == root2
        }
        // Step 1.
        guard !proof.isEmpty, proof.allSatisfy({ $0.count == hashSize }) else { return false }
        // Step 2: a power-of-two old tree is itself a node of the new tree, so its root
        // starts the path.
        var path = proof
        if size1 & (size1 - 1) == 0 {
            path.insert(root1, at: 0)
        }
        // Step 3.
        var fn = size1 - 1
        var sn = size2 - 1
        // Step 4: climb past the levels where the old tree's last node is a right child.
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        // Step 5.
        var fr = path[0]
        var sr = path[0]
        // Step 6.
        for c in path.dropFirst() {
            // 6a.
            if sn == 0 { return false }
            // 6b.
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = nodeHash(sr, c)
            }
            // 6c.
            fn >>= 1
            sn >>= 1
        }
        // Step 7.
        return sn == 0 && fr == root1 && sr == root2
    }
}
