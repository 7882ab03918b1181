import Testing
import TransparencyLog

struct CompactRangeTests {
    @Test func matchesReferenceRootAtEverySize() throws {
        let leaves = randomLeafHashes(count: 300, seed: 1)
        var range = CompactRange()
        for (i, leaf) in leaves.enumerated() {
            try range.append(leafHash: leaf)
            #expect(range.size == UInt64(i + 1))
            #expect(range.hashes.count == (i + 1).nonzeroBitCount, "O(log n) state")
            #expect(range.root == referenceRoot(leaves[...i]), "size \(i + 1)")
        }
    }

    @Test func appendEntryHashesTheEntry() {
        var byEntry = CompactRange()
        byEntry.append(entry: Array("hello".utf8))
        #expect(byEntry.root == MerkleTree.leafHash(Array("hello".utf8)))
    }

    @Test func rejectsWrongLengthLeafHash() {
        var range = CompactRange()
        #expect(throws: MerkleError.invalidHashLength(31)) {
            try range.append(leafHash: [UInt8](repeating: 0, count: 31))
        }
        #expect(range.size == 0)
    }

    @Test func restoresFromPersistedState() throws {
        let leaves = randomLeafHashes(count: 45, seed: 2)
        var original = CompactRange()
        for leaf in leaves.prefix(37) { try original.append(leafHash: leaf) }
        var restored = try CompactRange(size: original.size, hashes: original.hashes)
        for leaf in leaves.dropFirst(37) {
            try original.append(leafHash: leaf)
            try restored.append(leafHash: leaf)
        }
        #expect(restored == original)
        #expect(restored.root == referenceRoot(leaves[...]))

        #expect(throws: MerkleError.invalidCompactRange(size: 3, hashCount: 1)) {
            try CompactRange(size: 3, hashes: [leaves[0]])
        }
        #expect(throws: MerkleError.invalidHashLength(2)) {
            try CompactRange(size: 1, hashes: [[1, 2]])
        }
    }
}
