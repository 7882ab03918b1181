import AgeEncryption
import Foundation
import Testing

/// Encrypt-then-decrypt through the public API at the sizes where chunking can go wrong.
struct RoundTripTests {
    /// Empty, one byte, just under, at and just over a chunk, several chunks, several MiB.
    static let sizes = [0, 1, 65535, 65536, 65537, 3 * 65536, 5 * 1024 * 1024 + 3]

    @Test(arguments: sizes)
    func x25519RoundTrip(size: Int) throws {
        let identity = X25519Identity()
        let plaintext = sampleBytes(count: size)
        let file = Array(try Age.encrypt(plaintext, recipients: [identity.recipient]))
        let header = try #require(headerLength(of: file))
        #expect(file.count == expectedFileSize(headerSize: header, plaintextSize: size))
        #expect(Array(try Age.decrypt(file, identities: [identity])) == plaintext)
    }

    @Test(arguments: [0, 1, 65536, 65537])
    func passphraseRoundTrip(size: Int) throws {
        let plaintext = sampleBytes(count: size)
        let file = try Age.encrypt(plaintext, passphrase: "correct horse battery staple", workFactor: 10)
        #expect(Array(try Age.decrypt(file, passphrase: "correct horse battery staple")) == plaintext)
    }

    @Test func passphraseUsesDefaultWorkFactor() throws {
        let file = Array(try Age.encrypt(Array("backup".utf8), passphrase: "pass phrase"))
        let header = String(decoding: file.prefix(try #require(headerLength(of: file))), as: UTF8.self)
        let stanza = try #require(header.split(separator: "\n").first { $0.hasPrefix("-> scrypt ") })
        #expect(stanza.split(separator: " ").last == "18")
        #expect(header.split(separator: "\n").filter { $0.hasPrefix("->") }.count == 1)
        #expect(Array(try Age.decrypt(file, passphrase: "pass phrase")) == Array("backup".utf8))
    }

    @Test func everyRecipientCanDecryptAlone() throws {
        let identities = (0..<3).map { _ in X25519Identity() }
        let plaintext = sampleBytes(count: 70_000)
        let file = try Age.encrypt(plaintext, recipients: identities.map(\.recipient))
        for identity in identities {
            #expect(Array(try Age.decrypt(file, identities: [identity])) == plaintext)
        }
        #expect(Array(try Age.decrypt(file, identities: [X25519Identity(), identities[2]])) == plaintext)
    }

    @Test func encryptionIsRandomized() throws {
        let identity = X25519Identity()
        let first = try Age.encrypt(Array("same".utf8), recipients: [identity.recipient])
        let second = try Age.encrypt(Array("same".utf8), recipients: [identity.recipient])
        #expect(first != second)
    }

    /// Odd piece sizes on both sides, and bounded buffering: the encryptor never holds more
    /// than one chunk of plaintext, and the decryptor releases chunks before the end.
    @Test func streamingInOddPieces() throws {
        let identity = X25519Identity()
        let plaintext = sampleBytes(count: 1_048_576 + 123)
        let pieceSizes = [1, 7, 4093, 65535, 65537, 100_000, 3]

        var encryptor = try AgeEncryptor(recipients: [identity.recipient])
        var file: [UInt8] = []
        var fed = 0
        var piece = 0
        while fed < plaintext.count {
            let end = min(fed + pieceSizes[piece % pieceSizes.count], plaintext.count)
            try encryptor.update(plaintext[fed..<end]) { file += $0 }
            fed = end
            piece += 1
            #expect(fed - file.count <= 65536, "encryptor holds back more than one chunk")
        }
        try encryptor.finish { file += $0 }
        #expect(throws: AgeError.alreadyFinished) { try encryptor.finish { _ in } }

        for pieceSize in [13, 65552, 99_991] {
            let (released, error) = decryptInPieces(file, with: AgeDecryptor(identities: [identity]), pieceSize: pieceSize)
            #expect(error == nil)
            #expect(released == plaintext)
        }

        var decryptor = AgeDecryptor(identities: [identity])
        var released = 0
        try decryptor.update(file.dropLast(1)) { released += $0.count }
        #expect(released >= plaintext.count - 2 * 65536, "decryptor releases verified chunks as they arrive")
        try decryptor.update(file.suffix(1)) { released += $0.count }
        try decryptor.finish { released += $0.count }
        #expect(released == plaintext.count)
    }

    @Test func streamingPassphraseEncryption() throws {
        let plaintext = sampleBytes(count: 200_001)
        var encryptor = try AgeEncryptor(passphrase: "hunter2", workFactor: 10)
        var file = Data()
        for start in stride(from: 0, to: plaintext.count, by: 30_011) {
            try encryptor.update(plaintext[start..<min(start + 30_011, plaintext.count)]) { file.append($0) }
        }
        try encryptor.finish { file.append($0) }
        #expect(Array(try Age.decrypt(file, passphrase: "hunter2")) == plaintext)
    }
}
