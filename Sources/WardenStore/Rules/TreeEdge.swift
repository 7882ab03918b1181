import TransparencyLog

/// The right edge of a Merkle tree built leaf by leaf: one subtree root per set bit of its
/// size. Appending a leaf merges equal-sized subtrees and reports each node it completes, so
/// integration can store nodes and verification can compare them with the stored ones.
///
/// A hash may be unknown (`nil`): verification appends an unknown leaf for each deleted entry,
/// so later entries keep their leaf indices, and an unknown node stays unknown until the
/// `completed` callback hands back a hash to carry upward instead (the stored node).
struct TreeEdge {
    private(set) var size: UInt64
    private var nodes: [(level: Int, hash: [UInt8]?)]

    /// The edge of a tree of `size` leaves, from its subtree roots, largest first.
    init(size: UInt64 = 0, nodes: [(level: Int, hash: [UInt8]?)] = []) {
        self.size = size
        self.nodes = nodes
    }

    /// Appends a leaf; `completed` sees each interior node it completes (level, index, hash)
    /// and may return a hash to carry upward in its place (`nil` keeps the computed one).
    mutating func append(leafHash: [UInt8]?, completed: (Int, UInt64, [UInt8]?) throws -> [UInt8]?) rethrows {
        try append(level: 0, hash: leafHash, completed: completed)
    }

    /// Appends a whole aligned subtree of `2^level` leaves at once (`size` must be a multiple
    /// of it): `completed` sees the subtree itself, then each node above it that it completes.
    /// Nodes inside the subtree are not reported.
    mutating func append(level: Int, hash: [UInt8]?, completed: (Int, UInt64, [UInt8]?) throws -> [UInt8]?) rethrows {
        precondition(size % (UInt64(1) << UInt64(level)) == 0, "a subtree must start at a multiple of its size")
        size += UInt64(1) << UInt64(level)
        var hash = hash
        if level > 0, let replacement = try completed(level, (size >> UInt64(level)) - 1, hash) { hash = replacement }
        nodes.append((level, hash))
        while nodes.count >= 2, nodes[nodes.count - 1].level == nodes[nodes.count - 2].level {
            let right = nodes.removeLast(), left = nodes.removeLast()
            let level = left.level + 1
            var hash: [UInt8]? = nil
            if let leftHash = left.hash, let rightHash = right.hash { hash = MerkleTree.nodeHash(leftHash, rightHash) }
            if let replacement = try completed(level, (size >> UInt64(level)) - 1, hash) { hash = replacement }
            nodes.append((level, hash))
        }
    }

    /// The tree's root, or `nil` when any subtree on the edge is unknown.
    var root: [UInt8]? {
        var hashes: [[UInt8]] = []
        for node in nodes {
            guard let hash = node.hash else { return nil }
            hashes.append(hash)
        }
        return LogTree.fold(hashes)
    }
}
