import Foundation
import Testing
import TransparencyLog

struct CheckpointTests {
    static let root = MerkleTree.root(ofLeafHashes: randomLeafHashes(count: 20, seed: 9))

    @Test func bodyFormat() throws {
        let checkpoint = try Checkpoint(origin: "warden.example/audit", size: 20, rootHash: Self.root)
        let expected = "warden.example/audit\n20\n\(Self.root.base64)\n"
        #expect(checkpoint.body == expected)
        #expect(try Checkpoint(body: expected) == checkpoint)

        let withExtension = try Checkpoint(origin: "o", size: 0, rootHash: MerkleTree.emptyRoot, extensions: ["ext one"])
        #expect(withExtension.body == "o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next one\n")
        #expect(try Checkpoint(body: withExtension.body) == withExtension)
    }

    @Test func invalidCheckpointsAreRejectedAtConstruction() {
        #expect(throws: NoteError.self) { try Checkpoint(origin: "", size: 1, rootHash: Self.root) }
        #expect(throws: NoteError.self) { try Checkpoint(origin: "a\nb", size: 1, rootHash: Self.root) }
        #expect(throws: NoteError.self) { try Checkpoint(origin: "a", size: 1, rootHash: [1, 2, 3]) }
        #expect(throws: NoteError.self) { try Checkpoint(origin: "a", size: 1, rootHash: Self.root, extensions: [""]) }
    }

    @Test(arguments: [
        "",                                       // nothing
        "origin\n5\n",                            // missing root line
        "origin\n5\nROOT",                        // no final newline
        "\n5\nROOT\n",                            // empty origin
        "origin\n05\nROOT\n",                     // leading zero
        "origin\n+5\nROOT\n",                     // sign
        "origin\n-5\nROOT\n",                     // negative
        "origin\n 5\nROOT\n",                     // space
        "origin\n18446744073709551616\nROOT\n",   // UInt64 overflow
        "origin\n5\nAAAA\n",                      // root hash too short
        "origin\n5\nROOT\n\n",                    // empty extension line
        "origin\n5\nnot base64!\n",               // bad base64
    ])
    func malformedBodiesAreRejected(body: String) {
        let text = body.replacingOccurrences(of: "ROOT", with: Self.root.base64)
        #expect(throws: NoteError.self) { try Checkpoint(body: text) }
    }

    @Test func nonCanonicalRootEncodingIsRejected() {
        // Unpadded base64 of the same 32 bytes must not be accepted as an alternative form.
        let unpadded = String(Self.root.base64.dropLast())
        #expect(throws: NoteError.self) { try Checkpoint(body: "origin\n5\n\(unpadded)\n") }
    }

    @Test func extremeSizesAreAllowed() throws {
        let empty = try Checkpoint(body: "o\n0\n\(MerkleTree.emptyRoot.base64)\n")
        #expect(empty.size == 0)
        let huge = try Checkpoint(body: "o\n18446744073709551615\n\(Self.root.base64)\n")
        #expect(huge.size == .max)
        #expect(try Checkpoint(body: huge.body) == huge)
    }
}

extension Array where Element == UInt8 {
    var base64: String { Data(self).base64EncodedString() }
}
