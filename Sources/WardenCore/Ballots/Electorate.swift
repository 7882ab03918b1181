import Crypto
import TransparencyLog

/// A frozen electorate as a list anyone can hold to account without learning who is on it.
///
/// Each voter is a keyed reference: HMAC-SHA256 of their person identifier under a key the
/// ballot draws at the freeze and never shows. The sorted references are the leaves of an
/// RFC 9162 Merkle tree whose size and root go into the audit log; agents get the count and
/// the root, and each member can be shown their own reference with an inclusion proof that
/// checks against the logged root.
public enum Electorate {
    /// `person`'s reference in the electorate keyed by `key`.
    public static func reference(of person: PersonID, key: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("warden electorate v1 person \(person.rawValue)".utf8),
                                                  using: SymmetricKey(data: key))
        return Hex.encode(Array(mac))
    }

    /// The Merkle tree's leaf for a reference.
    public static func leaf(_ reference: String) -> [UInt8] {
        MerkleTree.leafHash(Array(reference.utf8))
    }

    /// The root over `references` in sorted order.
    public static func root(_ references: [String]) -> [UInt8] {
        MerkleTree.root(ofLeafHashes: references.sorted().map(leaf))
    }

    /// `reference`'s place among the sorted `references` and its RFC 9162 inclusion proof.
    public static func inclusion(of reference: String, in references: [String]) -> Inclusion? {
        let sorted = references.sorted()
        guard let index = sorted.firstIndex(of: reference),
              let proof = try? MerkleProofBuilder(leafHashes: sorted.map(leaf)).inclusionProof(index: UInt64(index), size: UInt64(sorted.count))
        else { return nil }
        return Inclusion(reference: reference, index: index, size: sorted.count, proof: proof.map(Hex.encode))
    }

    /// A voter's proof that they are on the frozen electorate.
    public struct Inclusion: Sendable, Hashable, Codable {
        public var reference: String
        public var index: Int
        public var size: Int
        /// The sibling hashes, leaf to root, in hex.
        public var proof: [String]

        /// Whether the proof leads from the reference to `root` (hex): what anyone can check.
        public func verifies(root: String) -> Bool {
            guard let root = Hex.decode(root) else { return false }
            let proof = proof.compactMap(Hex.decode)
            guard proof.count == self.proof.count else { return false }
            return MerkleTree.verifyInclusion(leafHash: Electorate.leaf(reference), index: UInt64(index), size: UInt64(size),
                                              proof: proof, root: root)
        }
    }
}
