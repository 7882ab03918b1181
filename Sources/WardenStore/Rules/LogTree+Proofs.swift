import TransparencyLog
import WardenCore

extension LogTree {
    /// The inclusion proof of leaf `index` in the tree of the first `size` entries.
    static func inclusionProof(index: UInt64, size: UInt64, _ nodes: some LogNodes) throws -> [[UInt8]] {
        try proofs(upTo: size, nodes).inclusionProof(index: index, size: size)
    }

    /// The consistency proof between the trees of the first `from` and `to` entries.
    static func consistencyProof(from: UInt64, to: UInt64, _ nodes: some LogNodes) throws -> [[UInt8]] {
        try proofs(upTo: to, nodes).consistencyProof(from: from, to: to)
    }

    /// Proofs read subtree hashes from the stored nodes, so they reach no further than the
    /// integrated tree (the last checkpoint's).
    private static func proofs(upTo size: UInt64, _ nodes: some LogNodes) throws -> MerkleProofBuilder {
        guard size <= (try nodes.integratedSize()) else {
            throw StoreError.notFound("the log has no checkpointed tree of size \(size) yet")
        }
        return MerkleProofBuilder(subtreeHash: { range in try subtreeHash(range, nodes) })
    }
}
