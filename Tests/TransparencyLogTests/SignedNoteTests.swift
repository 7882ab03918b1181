import Crypto
import Foundation
import Testing
import TransparencyLog

struct SignedNoteTests {
    static let key = Curve25519.Signing.PrivateKey()
    static let keyName = "warden.example/audit"
    static func checkpoint() throws -> Checkpoint {
        try Checkpoint(origin: keyName, size: 1234, rootHash: MerkleTree.root(ofLeafHashes: randomLeafHashes(count: 3, seed: 5)))
    }

    @Test func roundTrip() throws {
        let checkpoint = try Self.checkpoint()
        let note = try checkpoint.sign(with: Self.key, keyName: Self.keyName)

        // Layout: body, blank line, one em-dash signature line.
        #expect(note.hasPrefix(checkpoint.body + "\n\u{2014} \(Self.keyName) "))
        #expect(note.hasSuffix("\n"))
        #expect(note.split(separator: "\n", omittingEmptySubsequences: false).count == 6)

        let verified = try Checkpoint.verify(signedNote: note, publicKey: Self.key.publicKey, keyName: Self.keyName)
        #expect(verified == checkpoint)

        let parsed = try Checkpoint.parse(signedNote: note)
        #expect(parsed.checkpoint == checkpoint)
        #expect(parsed.signatures.count == 1)
        #expect(parsed.signatures[0].keyName == Self.keyName)
        #expect(parsed.signatures[0].keyID == (try NoteKey.keyID(name: Self.keyName, publicKey: Self.key.publicKey)))
        #expect(parsed.signatures[0].signature.count == 64)
        #expect(try SignedNote.parse(note).encoded == note)
    }

    @Test func tamperedBodyIsRejected() throws {
        let note = try Self.checkpoint().sign(with: Self.key, keyName: Self.keyName)
        let tampered = note.replacingOccurrences(of: "\n1234\n", with: "\n1235\n")
        #expect(tampered != note)
        #expect(throws: NoteError.invalidSignature) {
            try Checkpoint.verify(signedNote: tampered, publicKey: Self.key.publicKey, keyName: Self.keyName)
        }
    }

    @Test func tamperedSignatureIsRejected() throws {
        let checkpoint = try Self.checkpoint()
        let good = try SignedNote.parse(checkpoint.sign(with: Self.key, keyName: Self.keyName)).signatures[0]
        var bytes = good.signature
        bytes[10] ^= 0x01
        let bad = SignedNote(text: checkpoint.body, signatures: [NoteSignature(keyName: good.keyName, keyID: good.keyID, signature: bytes)])
        #expect(throws: NoteError.invalidSignature) {
            try Checkpoint.verify(signedNote: bad.encoded, publicKey: Self.key.publicKey, keyName: Self.keyName)
        }
    }

    @Test func wrongKeyIsRejected() throws {
        let note = try Self.checkpoint().sign(with: Self.key, keyName: Self.keyName)
        let other = Curve25519.Signing.PrivateKey()
        #expect(throws: NoteError.noMatchingSignature) {
            try Checkpoint.verify(signedNote: note, publicKey: other.publicKey, keyName: Self.keyName)
        }
    }

    @Test func wrongKeyNameIsRejected() throws {
        let note = try Self.checkpoint().sign(with: Self.key, keyName: Self.keyName)
        #expect(throws: NoteError.noMatchingSignature) {
            try Checkpoint.verify(signedNote: note, publicKey: Self.key.publicKey, keyName: "warden.example/other")
        }
        // Same name and ID, but a signature line relabelled to another name, is ignored.
        let relabelled = note.replacingOccurrences(of: "\u{2014} \(Self.keyName) ", with: "\u{2014} someone.else ")
        #expect(throws: NoteError.noMatchingSignature) {
            try Checkpoint.verify(signedNote: relabelled, publicKey: Self.key.publicKey, keyName: Self.keyName)
        }
    }

    @Test func missingBlankLineIsRejected() throws {
        let note = try Self.checkpoint().sign(with: Self.key, keyName: Self.keyName)
        let squashed = note.replacingOccurrences(of: "\n\n", with: "\n")
        #expect(throws: NoteError.self) {
            try Checkpoint.verify(signedNote: squashed, publicKey: Self.key.publicKey, keyName: Self.keyName)
        }
    }

    @Test(arguments: [
        "text\n\n",                                   // no signature lines
        "text\n\n\u{2014} name AAAAAAA=",             // unterminated line
        "text\n\n- name AAAAAAA=\n",                  // hyphen instead of em dash
        "text\n\n\u{2014}name AAAAAAA=\n",            // no space after dash
        "text\n\n\u{2014} name\n",                    // no signature
        "text\n\n\u{2014} name AAAA\n",               // only a key ID, no signature bytes
        "text\n\n\u{2014} name !!!!\n",               // not base64
        "text\n\n\u{2014} na+me AAAAAAA=\n",          // '+' in key name
        "te\u{7}xt\n\n\u{2014} name AAAAAAA=\n",      // control character
        "text\r\n\n\u{2014} name AAAAAAA=\n",         // carriage return
        "text\n\n\u{2014} name AAAAAAA\n",             // unpadded base64
        "text\n\n\u{2014} na\u{00A0}me AAAAAAA=\n",     // Unicode space in key name
        "text\n\u{2014} name AAAAAAA=\n",              // no blank line
    ])
    func malformedNotesAreRejected(note: String) {
        #expect(throws: NoteError.self) { try SignedNote.parse(note) }
    }

    @Test func unknownSignaturesAreIgnoredAndAllMatchingMustVerify() throws {
        let checkpoint = try Self.checkpoint()
        let witness = Curve25519.Signing.PrivateKey()
        let mine = try SignedNote.sign(text: checkpoint.body, with: Self.key, keyName: Self.keyName).signatures
        let theirs = try SignedNote.sign(text: checkpoint.body, with: witness, keyName: "witness.example").signatures
        let cosigned = SignedNote(text: checkpoint.body, signatures: theirs + mine)
        #expect(try Checkpoint.verify(signedNote: cosigned.encoded, publicKey: Self.key.publicKey, keyName: Self.keyName) == checkpoint)
        #expect(try Checkpoint.verify(signedNote: cosigned.encoded, publicKey: witness.publicKey, keyName: "witness.example") == checkpoint)

        // A second, bad signature under the same name and key ID poisons the note.
        let forged = NoteSignature(keyName: Self.keyName, keyID: mine[0].keyID, signature: [UInt8](repeating: 7, count: 64))
        let poisoned = SignedNote(text: checkpoint.body, signatures: mine + [forged])
        #expect(throws: NoteError.invalidSignature) {
            try Checkpoint.verify(signedNote: poisoned.encoded, publicKey: Self.key.publicKey, keyName: Self.keyName)
        }
    }

    @Test func noteTextMayContainBlankLines() throws {
        let text = "first\n\nsecond\n"
        let note = try SignedNote.sign(text: text, with: Self.key, keyName: Self.keyName).encoded
        let parsed = try SignedNote.parse(note)
        #expect(parsed.text == text)
        #expect(try parsed.verified(publicKey: Self.key.publicKey, keyName: Self.keyName) == text)
    }

    @Test func signingRejectsBadInput() {
        #expect(throws: NoteError.self) { try SignedNote.sign(text: "no newline", with: Self.key, keyName: Self.keyName) }
        #expect(throws: NoteError.invalidKeyName("bad name")) {
            try SignedNote.sign(text: "x\n", with: Self.key, keyName: "bad name")
        }
        #expect(throws: NoteError.self) { try Self.checkpoint().sign(with: Self.key, keyName: "") }
    }

    @Test func keyIDComputedByHand() throws {
        let publicKey = Self.key.publicKey
        let preimage = Array(Self.keyName.utf8) + [0x0A, 0x01] + Array(publicKey.rawRepresentation)
        let digest = Array(SHA256.hash(data: preimage))
        let expected = UInt32(digest[0]) << 24 | UInt32(digest[1]) << 16 | UInt32(digest[2]) << 8 | UInt32(digest[3])
        #expect(try NoteKey.keyID(name: Self.keyName, publicKey: publicKey) == expected)

        let verifierKey = try NoteKey.verifierKey(name: Self.keyName, publicKey: publicKey)
        let keyB64 = Data([0x01] + publicKey.rawRepresentation).base64EncodedString()
        #expect(verifierKey == "\(Self.keyName)+\(String(format: "%08x", expected))+\(keyB64)")

        let parsed = try NoteKey.parseVerifierKey(verifierKey)
        #expect(parsed.name == Self.keyName)
        #expect(parsed.publicKey.rawRepresentation == publicKey.rawRepresentation)
        #expect(throws: NoteError.self) {
            try NoteKey.parseVerifierKey(verifierKey.replacingOccurrences(of: "+\(String(format: "%08x", expected))+", with: "+00000000+"))
        }
    }

    // Known answer from golang.org/x/mod/sumdb/note (the reference implementation), used as data.
    static let goSeed = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz" // 0x01 ‖ Ed25519 seed
    static let goVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let goText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let goNote = goText + "\n\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"

    @Test func goReferenceVector() throws {
        let seed = Array(Data(base64Encoded: Self.goSeed)!)
        #expect(seed[0] == 0x01)
        let privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: seed.dropFirst())
        #expect(try NoteKey.keyID(name: "PeterNeumann", publicKey: privateKey.publicKey) == 0xc74f_20a3)
        #expect(try NoteKey.verifierKey(name: "PeterNeumann", publicKey: privateKey.publicKey) == Self.goVerifierKey)

        let (name, publicKey) = try NoteKey.parseVerifierKey(Self.goVerifierKey)
        #expect(try SignedNote.parse(Self.goNote).verified(publicKey: publicKey, keyName: name) == Self.goText)

        // Ed25519 is deterministic (RFC 8032), so re-signing must reproduce the note byte
        // for byte. Apple's CryptoKit randomizes Ed25519 signatures, so only check on Linux.
        #if os(Linux)
        #expect(try SignedNote.sign(text: Self.goText, with: privateKey, keyName: "PeterNeumann").encoded == Self.goNote)
        #endif
    }

    // The example from the c2sp.org/signed-note specification's verifier-key section.
    @Test func specExampleVector() throws {
        let (name, publicKey) = try NoteKey.parseVerifierKey("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")
        let note = "This is an example message.\n\n\u{2014} example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"
        #expect(try SignedNote.parse(note).verified(publicKey: publicKey, keyName: name) == "This is an example message.\n")
    }
}
