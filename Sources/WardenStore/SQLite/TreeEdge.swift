import TransparencyLog

/// The right edge of a Merkle tree built leaf by leaf: one subtree root per set bit of its
/// size. Appending a leaf merges equal-sized subtrees and reports each node it completes, so
/// integration can store nodes and verification can compare them with the stored ones.
struct TreeEdge {
    private(set) var size: UInt64
    private var nodes: [(level: Int, hash: [UInt8])]

    /// The edge of a tree of `size` leaves, from its subtree roots, largest first.
    init(size: UInt64 = 0, nodes: [(level: Int, hash: [UInt8])] = []) {
        self.size = size
        self.nodes = nodes
    }

    /// Appends a leaf; `completed` sees each interior node it completes (level, index, hash).
    mutating func append(leafHash: [UInt8], completed: (Int, UInt64, [UInt8]) throws -> Void) rethrows {
        nodes.append((0, leafHash))
        size += 1
        while nodes.count >= 2, nodes[nodes.count - 1].level == nodes[nodes.count - 2].level {
            let right = nodes.removeLast(), left = nodes.removeLast()
            let level = left.level + 1
            let hash = MerkleTree.nodeHash(left.hash, right.hash)
            nodes.append((level, hash))
            try completed(level, (size >> UInt64(level)) - 1, hash)
        }
    }

    var root: [UInt8] { LogTree.fold(nodes.map(\.hash)) }
}
