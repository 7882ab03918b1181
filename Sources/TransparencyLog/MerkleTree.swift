public import Foundation
import Crypto

/// The RFC 6962 / RFC 9162 Merkle tree hash primitives used by the Warden audit log.
///
/// Everything in the log's tamper evidence reduces to these two hash functions, so they
/// live in one place. The leaf and node hashes use distinct one-byte prefixes (`0x00` and
/// `0x01`) so that a leaf can never be confused with an interior node: without that domain
/// separation an attacker could present an interior node as a "leaf" and forge inclusion
/// proofs (a second-preimage attack on the tree).
///
/// Hashes are plain `[UInt8]` values of ``hashSize`` bytes, which keeps the API easy to
/// store in a database column and easy to compare.
public enum MerkleTree {
    /// Length in bytes of every hash in the tree (SHA-256).
    public static let hashSize = 32

    /// The root of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1).
    ///
    /// A log with no entries still needs a well-defined root so that a size-0 checkpoint
    /// can be signed and published.
    public static let emptyRoot: [UInt8] = Array(SHA256.hash(data: [UInt8]()))

    /// Hashes one log entry into a leaf: `SHA-256(0x00 ‖ entry)`.
    ///
    /// The `0x00` prefix separates leaves from interior nodes (see the type's overview).
    ///
    /// Takes any contiguous bytes (an entry as the database hands it over, say) without a copy:
    /// `warden verify` hashes every entry of the log.
    public static func leafHash(_ entry: some DataProtocol) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: leafPrefix)
        hasher.update(data: entry)
        return hasher.finalize().withUnsafeBytes { Array($0) }
    }

    /// The domain-separation prefixes, allocated once rather than per hash.
    private static let leafPrefix: [UInt8] = [0x00]
    private static let nodePrefix: [UInt8] = [0x01]

    /// Hashes two child subtree hashes into their parent: `SHA-256(0x01 ‖ left ‖ right)`.
    ///
    /// The `0x01` prefix separates interior nodes from leaves (see the type's overview).
    public static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: nodePrefix)
        hasher.update(data: left)
        hasher.update(data: right)
        return hasher.finalize().withUnsafeBytes { Array($0) }
    }
}
