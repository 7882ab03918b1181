import Testing
import TransparencyLog

/// Proofs generated for random trees must verify, and must stop verifying when tampered.
struct ProofRoundTripTests {
    static let maxSize: UInt64 = 70
    static let leaves = randomLeafHashes(count: Int(maxSize), seed: 42)
    let builder = MerkleProofBuilder(leafHashes: ProofRoundTripTests.leaves)

    @Test func builderRootsMatchReference() throws {
        for size in 0...Self.maxSize {
            #expect(try builder.root(size: size) == referenceRoot(Self.leaves[..<Int(size)]))
        }
    }

    @Test func inclusionProofsForEveryIndexOfEverySize() throws {
        var checked = 0
        for size in 1...Self.maxSize {
            let root = referenceRoot(Self.leaves[..<Int(size)])
            for index in 0..<size {
                let proof = try builder.inclusionProof(index: index, size: size)
                let leaf = Self.leaves[Int(index)]
                #expect(MerkleTree.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof, root: root),
                        "size \(size) index \(index)")
                // Tampering: every element with a flipped bit, the leaf, the root.
                for i in proof.indices {
                    var bad = proof
                    bad[i] = flipped(bad[i], bit: Int(index) + i)
                    #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: index, size: size, proof: bad, root: root))
                }
                #expect(!MerkleTree.verifyInclusion(leafHash: flipped(leaf, bit: 7), index: index, size: size, proof: proof, root: root))
                #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof, root: flipped(root, bit: 100)))
                // Wrong position, truncated and extended proofs. (A wrong *size* with the right
                // root can legitimately still verify when the path shape is unchanged; sizes
                // are authenticated by the signed checkpoint, not by the proof.)
                if size > 1 {
                    let other = (index + 1) % size
                    #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: other, size: size, proof: proof, root: root))
                }
                if !proof.isEmpty {
                    #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: index, size: size, proof: Array(proof.dropLast()), root: root))
                }
                #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof + [leaf], root: root))
                checked += 1
            }
        }
        #expect(checked == Int(Self.maxSize * (Self.maxSize + 1) / 2))
    }

    @Test func consistencyProofsForEveryPairOfSizes() throws {
        var checked = 0
        for size2 in 1...Self.maxSize {
            let root2 = referenceRoot(Self.leaves[..<Int(size2)])
            for size1 in 1...size2 {
                let root1 = referenceRoot(Self.leaves[..<Int(size1)])
                let proof = try builder.consistencyProof(from: size1, to: size2)
                #expect(MerkleTree.verifyConsistency(size1: size1, size2: size2, proof: proof, root1: root1, root2: root2),
                        "\(size1) -> \(size2)")
                if size1 == size2 {
                    #expect(proof.isEmpty)
                } else {
                    for i in proof.indices {
                        var bad = proof
                        bad[i] = flipped(bad[i], bit: Int(size1) + i)
                        #expect(!MerkleTree.verifyConsistency(size1: size1, size2: size2, proof: bad, root1: root1, root2: root2),
                                "\(size1) -> \(size2) flipped element \(i)")
                    }
                    #expect(!MerkleTree.verifyConsistency(size1: size1, size2: size2, proof: Array(proof.dropLast()), root1: root1, root2: root2))
                    #expect(!MerkleTree.verifyConsistency(size1: size1, size2: size2, proof: proof + [root1], root1: root1, root2: root2))
                    #expect(!MerkleTree.verifyConsistency(size1: size2, size2: size1, proof: proof, root1: root2, root2: root1))
                }
                #expect(!MerkleTree.verifyConsistency(size1: size1, size2: size2, proof: proof, root1: flipped(root1, bit: 3), root2: root2))
                #expect(!MerkleTree.verifyConsistency(size1: size1, size2: size2, proof: proof, root1: root1, root2: flipped(root2, bit: 3)))
                checked += 1
            }
        }
        #expect(checked == Int(Self.maxSize * (Self.maxSize + 1) / 2))
    }

    @Test func emptyTreeConsistencyIsRejected() throws {
        let root = referenceRoot(Self.leaves[..<5])
        #expect(!MerkleTree.verifyConsistency(size1: 0, size2: 0, proof: [], root1: MerkleTree.emptyRoot, root2: MerkleTree.emptyRoot))
        #expect(!MerkleTree.verifyConsistency(size1: 0, size2: 5, proof: [], root1: MerkleTree.emptyRoot, root2: root))
        #expect(throws: MerkleError.invalidTreeSizes(first: 0, second: 5)) {
            try builder.consistencyProof(from: 0, to: 5)
        }
    }

    @Test func builderRejectsBadArguments() {
        #expect(throws: MerkleError.indexOutOfRange(index: 3, size: 3)) {
            try builder.inclusionProof(index: 3, size: 3)
        }
        #expect(throws: MerkleError.invalidTreeSizes(first: 5, second: 4)) {
            try builder.consistencyProof(from: 5, to: 4)
        }
        #expect(throws: MerkleError.self) {
            try builder.inclusionProof(index: 0, size: Self.maxSize + 1)
        }
        let shortSource = MerkleProofBuilder { range in
            Array(Self.leaves[Int(range.lowerBound)..<Int(range.upperBound)].dropLast())
        }
        #expect(throws: MerkleError.leafCountMismatch(requested: 4, returned: 3)) {
            try shortSource.root(size: 4)
        }
    }

    @Test func closureSourceStreamsLargeSubtreesInChunks() throws {
        // 10_000 leaves exceeds the 4096-leaf fetch chunk, exercising the streaming path.
        let many = randomLeafHashes(count: 10_000, seed: 7)
        let count = UInt64(many.count)
        let builder = MerkleProofBuilder { range in Array(many[Int(range.lowerBound)..<Int(range.upperBound)]) }
        let root = MerkleTree.root(ofLeafHashes: many)
        #expect(try builder.root(size: count) == root)
        for index: UInt64 in [0, 4095, 4096, 9_999] {
            let proof = try builder.inclusionProof(index: index, size: count)
            #expect(MerkleTree.verifyInclusion(leafHash: many[Int(index)], index: index, size: count, proof: proof, root: root))
        }
        let proof = try builder.consistencyProof(from: 5_000, to: count)
        #expect(MerkleTree.verifyConsistency(size1: 5_000, size2: count, proof: proof,
                                             root1: MerkleTree.root(ofLeafHashes: Array(many[..<5_000])), root2: root))
    }
}
