import TransparencyLog

extension LogTree {
    /// Adds the nodes completed by entries appended since the last integration; returns the
    /// new size and root. Run inside the engine's write transaction.
    static func integrate(_ nodes: some LogNodes) throws -> (size: UInt64, root: [UInt8]) {
        let integrated = try nodes.integratedSize()
        let count = try nodes.entryCount()
        // The right edge of the integrated tree: one subtree root per set bit of its size.
        var edgeNodes: [(level: Int, hash: [UInt8]?)] = []
        var offset: UInt64 = 0
        for level in stride(from: 63, through: 0, by: -1) where integrated & (UInt64(1) << UInt64(level)) != 0 {
            edgeNodes.append((level, try block(level: level, index: offset >> UInt64(level), nodes)))
            offset += UInt64(1) << UInt64(level)
        }
        var edge = TreeEdge(size: integrated, nodes: edgeNodes)
        guard count > integrated else { return (integrated, try known(edge.root)) }
        var entries = try nodes.entries(from: integrated)
        while let entry = try entries.next() {
            try edge.append(leafHash: MerkleTree.leafHash(entry)) { level, index, hash in
                if level % nodeLevelStep == 0 { try nodes.storeNode(level: level, index: index, hash: try known(hash)) }
                return nil
            }
        }
        try nodes.setIntegratedSize(edge.size)
        return (edge.size, try known(edge.root))
    }

    /// Integration hashes only entries it has read, so every hash is known; `nil` would be a
    /// programming error, reported rather than stored.
    private static func known(_ hash: [UInt8]?) throws -> [UInt8] {
        guard let hash else { throw MerkleError.leafCountMismatch(requested: 1, returned: 0) }
        return hash
    }
}
