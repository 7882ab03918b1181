import Testing
import TransparencyLog

/// Known answers from the RFC 6962 / Certificate Transparency reference test tree.
struct MerkleHashTests {
    /// The eight leaf inputs of the CT reference tree.
    static let ctEntries: [[UInt8]] = [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        Array(0x60...0x6f),
    ]

    /// Roots for sizes 1…8 of the reference tree.
    static let ctRoots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    @Test func emptyTreeRootIsSHA256OfEmptyString() {
        #expect(hexString(MerkleTree.emptyRoot) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(MerkleTree.root(ofLeafHashes: []) == MerkleTree.emptyRoot)
        #expect(CompactRange().root == MerkleTree.emptyRoot)
    }

    @Test func leafAndNodeHashesUseDomainSeparation() {
        #expect(hexString(MerkleTree.leafHash([])) == Self.ctRoots[0])
        let a = MerkleTree.leafHash([1])
        let b = MerkleTree.leafHash([2])
        #expect(MerkleTree.nodeHash(a, b) != MerkleTree.leafHash(a + b))
        #expect(MerkleTree.nodeHash(a, b) != MerkleTree.nodeHash(b, a))
    }

    @Test func referenceTreeRoots() {
        let leaves = Self.ctEntries.map(MerkleTree.leafHash)
        var range = CompactRange()
        for (size, expected) in Self.ctRoots.enumerated().map({ ($0.offset + 1, $0.element) }) {
            #expect(hexString(MerkleTree.root(ofLeafHashes: Array(leaves.prefix(size)))) == expected, "size \(size)")
            try? range.append(leafHash: leaves[size - 1])
            #expect(hexString(range.root) == expected, "compact range size \(size)")
        }
    }
}
