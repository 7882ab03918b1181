import Foundation
import Testing
import TransparencyLog

/// Deterministic RNG (SplitMix64) so randomized tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func hexBytes(_ hex: String) -> [UInt8] {
    var out: [UInt8] = []
    var it = hex.makeIterator()
    while let hi = it.next(), let lo = it.next() {
        out.append(UInt8(String([hi, lo]), radix: 16)!)
    }
    return out
}

func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}

/// Straightforward recursive MTH from RFC 9162 §2.1.1, independent of the library's
/// compact-range implementation.
func referenceRoot(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
    if leaves.isEmpty { return hexBytes("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") }
    if leaves.count == 1 { return leaves.first! }
    var k = 1
    while k * 2 < leaves.count { k *= 2 }
    let mid = leaves.startIndex + k
    return MerkleTree.nodeHash(referenceRoot(leaves[..<mid]), referenceRoot(leaves[mid...]))
}

/// Random leaf hashes for a tree of `count` entries.
func randomLeafHashes(count: Int, seed: UInt64) -> [[UInt8]] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in
        let length = Int.random(in: 0...40, using: &rng)
        let entry = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return MerkleTree.leafHash(entry)
    }
}

/// Copy of `hash` with one bit flipped.
func flipped(_ hash: [UInt8], bit: Int) -> [UInt8] {
    var copy = hash
    copy[bit / 8 % copy.count] ^= UInt8(1 << (bit % 8))
    return copy
}
