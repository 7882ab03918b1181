/// Errors thrown while building Merkle trees or proofs.
///
/// Sizes and indices are `UInt64` throughout the package, as in RFC 9162 and the C2SP
/// formats, so any value a peer can put on the wire is representable and checked.
///
/// Verification never throws — it answers `false` — because a bad proof is an expected
/// outcome when talking to an untrusted log. These errors instead report misuse or a
/// broken data source on the *producing* side, where silently continuing would publish
/// wrong proofs.
public enum MerkleError: Error, Equatable, Sendable {
    /// A hash was not ``MerkleTree/hashSize`` bytes long.
    case invalidHashLength(Int)
    /// A leaf index was not inside `0..<size`.
    case indexOutOfRange(index: UInt64, size: UInt64)
    /// The tree sizes requested for a proof are not `0 < first <= second`.
    case invalidTreeSizes(first: UInt64, second: UInt64)
    /// The leaf-hash source returned a different number of hashes than requested.
    case leafCountMismatch(requested: UInt64, returned: Int)
    /// A persisted compact range does not match its claimed tree size.
    case invalidCompactRange(size: UInt64, hashCount: Int)
}
