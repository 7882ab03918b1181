import TransparencyLog

/// The audit log's Merkle tree as stored (``LogNodes``): leaves are the entries in leaf
/// order, interior nodes at every fourth level are kept, and the integrated size says how
/// many leaves those nodes cover.
///
/// Appending an entry only stores its row, so writes stay cheap; ``integrate(_:)`` (run
/// before each checkpoint) adds the nodes the new leaves completed. Any subtree hash then
/// takes at most eight lookups, so proofs are O(log n) reads.
enum LogTree {
    /// Nodes are stored at the levels that are positive multiples of this.
    static let nodeLevelStep = 4

    /// `MTH` of the leaves in `range`, from the largest aligned blocks inside it. Correct for
    /// the ranges RFC 9162 proofs and roots use, which start at a multiple of their largest block.
    static func subtreeHash(_ range: Range<UInt64>, _ nodes: some LogNodes) throws -> [UInt8] {
        guard !range.isEmpty else { return MerkleTree.emptyRoot }
        var blocks: [[UInt8]] = []
        var start = range.lowerBound
        while start < range.upperBound {
            var level = 63 - (range.upperBound - start).leadingZeroBitCount
            while start % (UInt64(1) << UInt64(level)) != 0 { level -= 1 }
            blocks.append(try block(level: level, index: start >> UInt64(level), nodes))
            start += UInt64(1) << UInt64(level)
        }
        return fold(blocks)
    }

    /// The root of leaves `[index·2^level, (index+1)·2^level)`, all integrated or all present.
    static func block(level: Int, index: UInt64, _ nodes: some LogNodes) throws -> [UInt8] {
        let below = level - level % nodeLevelStep
        if below == level, level > 0 {
            guard let stored = try nodes.node(level: level, index: index) else {
                throw MerkleError.leafCountMismatch(requested: 1, returned: 0)
            }
            return stored
        }
        let count = UInt64(1) << UInt64(level - below)
        let first = index * count
        let hashes = below == 0
            ? try nodes.entries(first..<(first + count)).map(MerkleTree.leafHash)
            : try nodes.nodes(level: below, first..<(first + count))
        guard UInt64(hashes.count) == count else {
            throw MerkleError.leafCountMismatch(requested: count, returned: hashes.count)
        }
        return merge(hashes)
    }

    /// The root over `hashes`, a whole aligned block of equal subtrees (a power of two of them).
    static func merge(_ hashes: [[UInt8]]) -> [UInt8] {
        var hashes = hashes
        while hashes.count > 1 {
            hashes = Swift.stride(from: 0, to: hashes.count, by: 2).map { MerkleTree.nodeHash(hashes[$0], hashes[$0 + 1]) }
        }
        return hashes[0]
    }

    /// Right-to-left fold of a compact range's hashes into a root.
    static func fold(_ blocks: [[UInt8]]) -> [UInt8] {
        guard var root = blocks.last else { return MerkleTree.emptyRoot }
        for hash in blocks.dropLast().reversed() { root = MerkleTree.nodeHash(hash, root) }
        return root
    }
}
