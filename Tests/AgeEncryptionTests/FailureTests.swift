import AgeEncryption
import Foundation
import Testing

/// Wrong keys, tampering, truncation and misuse must each fail, with the specific error.
struct FailureTests {
    static let passphrase = "correct horse battery staple"

    @Test func wrongPassphraseDoesNotMatch() throws {
        let file = try Age.encrypt(Array("secret".utf8), passphrase: Self.passphrase, workFactor: 10)
        let error = ageError { _ = try Age.decrypt(file, passphrase: "correct horse battery stapler") }
        #expect(error == .noMatchingIdentity)
        #expect(error.map { !"\($0)".contains("stapler") } == true, "error text must not repeat the passphrase")
    }

    @Test func wrongKindOfKeyDoesNotMatch() throws {
        let identity = X25519Identity()
        let toPassphrase = try Age.encrypt(Array("a".utf8), passphrase: Self.passphrase, workFactor: 10)
        let toIdentity = try Age.encrypt(Array("a".utf8), recipients: [identity.recipient])
        #expect(throws: AgeError.noMatchingIdentity) { try Age.decrypt(toIdentity, identities: [X25519Identity()]) }
        #expect(throws: AgeError.noMatchingIdentity) { try Age.decrypt(toPassphrase, identities: [identity]) }
        #expect(throws: AgeError.noMatchingIdentity) { try Age.decrypt(toIdentity, passphrase: Self.passphrase) }
        #expect(throws: AgeError.noMatchingIdentity) { try Age.decrypt(toIdentity, identities: []) }
    }

    /// Every single-bit change anywhere in the header, for both recipient types, is caught.
    @Test func everyHeaderByteIsProtected() throws {
        let identity = X25519Identity()
        let files = [
            (Array(try Age.encrypt(Array("x".utf8), recipients: [identity.recipient, X25519Identity().recipient])), AgeDecryptor(identities: [identity])),
            (Array(try Age.encrypt(Array("x".utf8), passphrase: Self.passphrase, workFactor: 4)), try AgeDecryptor(passphrase: Self.passphrase)),
        ]
        for (file, decryptor) in files {
            #expect(decryptInPieces(file, with: decryptor, pieceSize: file.count).error == nil)
            for index in 0..<(try #require(headerLength(of: file))) {
                var tampered = file
                tampered[index] ^= 0x01
                let (released, error) = decryptInPieces(tampered, with: decryptor, pieceSize: tampered.count)
                #expect(error is AgeError, "flipping header byte \(index) went unnoticed")
                #expect(released.isEmpty)
            }
        }
    }

    /// A stanza swapped for a well-formed one of a type nobody reads still changes the MAC.
    @Test func headerMACCoversUnknownStanzas() throws {
        let identity = X25519Identity()
        let file = Array(try Age.encrypt(Array("x".utf8), recipients: [identity.recipient]))
        let extra = Array("-> grease\n\n".utf8)
        let versionLineEnd = try #require(file.firstIndex(of: 0x0A)) + 1
        let tampered = Array(file[..<versionLineEnd]) + extra + Array(file[versionLineEnd...])
        #expect(throws: AgeError.headerMACMismatch) { try Age.decrypt(tampered, identities: [identity]) }
    }

    @Test func tamperedPayloadChunkIsNamed() throws {
        let identity = X25519Identity()
        let plaintext = sampleBytes(count: 2 * 65536 + 10)
        let file = Array(try Age.encrypt(plaintext, recipients: [identity.recipient]))
        let payloadStart = try #require(headerLength(of: file)) + 16
        for chunk in 0..<3 {
            var tampered = file
            tampered[payloadStart + chunk * 65552 + 5] ^= 0x80
            let (released, error) = decryptInPieces(tampered, with: AgeDecryptor(identities: [identity]), pieceSize: 50_000)
            #expect(error as? AgeError == .payloadAuthenticationFailed(chunk: chunk))
            #expect(released == Array(plaintext.prefix(chunk * 65536)), "only chunks before the damage are released")
        }
        var nonceTampered = file
        nonceTampered[payloadStart - 1] ^= 0x01
        #expect(throws: AgeError.payloadAuthenticationFailed(chunk: 0)) { try Age.decrypt(nonceTampered, identities: [identity]) }
    }

    @Test func reorderedChunksFail() throws {
        let identity = X25519Identity()
        let file = Array(try Age.encrypt(sampleBytes(count: 3 * 65536 + 1), recipients: [identity.recipient]))
        let start = try #require(headerLength(of: file)) + 16
        let first = start..<(start + 65552), second = (start + 65552)..<(start + 2 * 65552)
        var swapped = file
        swapped.replaceSubrange(first, with: file[second])
        swapped.replaceSubrange(second, with: file[first])
        #expect(throws: AgeError.payloadAuthenticationFailed(chunk: 0)) { try Age.decrypt(swapped, identities: [identity]) }
    }

    @Test func truncationFails() throws {
        let identity = X25519Identity()
        let file = Array(try Age.encrypt(sampleBytes(count: 65536 + 10), recipients: [identity.recipient]))
        let header = try #require(headerLength(of: file))
        func error(_ bytes: ArraySlice<UInt8>) -> AgeError? {
            ageError { _ = try Age.decrypt(bytes, identities: [identity]) }
        }
        #expect(error(file.dropLast(1)) == .payloadAuthenticationFailed(chunk: 1))
        #expect(error(file.dropLast(10)) == .emptyFinalChunk, "final chunk cut down to its tag")
        #expect(error(file.prefix(header + 16 + 65552)) == .truncatedPayload, "cut at a chunk boundary")
        #expect(error(file.prefix(header + 16)) == .truncatedPayload, "no chunks at all")
        #expect(error(file.prefix(header + 15)) == .missingPayloadNonce)
        #expect(error(file.prefix(header - 1)) == .truncatedHeader)
        #expect(error(file.prefix(30)) == .truncatedHeader)
        #expect(error([]) == .truncatedHeader)
    }

    @Test func trailingDataFails() throws {
        let identity = X25519Identity()
        let fullChunk = Array(try Age.encrypt(sampleBytes(count: 65536), recipients: [identity.recipient]))
        #expect(throws: AgeError.trailingData) { try Age.decrypt(fullChunk + [0], identities: [identity]) }
        let shortChunk = Array(try Age.encrypt(sampleBytes(count: 100), recipients: [identity.recipient]))
        #expect(throws: AgeError.payloadAuthenticationFailed(chunk: 0)) { try Age.decrypt(shortChunk + [0], identities: [identity]) }
    }

    @Test func workFactorLimitIsEnforced() throws {
        let file = try Age.encrypt(Array("x".utf8), passphrase: Self.passphrase, workFactor: 12)
        #expect(throws: AgeError.workFactorTooHigh(found: 12, limit: 11)) {
            try Age.decrypt(file, passphrase: Self.passphrase, maxWorkFactor: 11)
        }
        #expect(Array(try Age.decrypt(file, passphrase: Self.passphrase, maxWorkFactor: 12)) == Array("x".utf8))
    }

    @Test func invalidArgumentsAreRejected() throws {
        #expect(throws: AgeError.noRecipients) { try Age.encrypt([UInt8](), recipients: []) }
        #expect(throws: AgeError.emptyPassphrase) { try Age.encrypt([UInt8](), passphrase: "") }
        #expect(throws: AgeError.emptyPassphrase) { try AgeDecryptor(passphrase: "") }
        #expect(throws: AgeError.invalidWorkFactor(0)) { try Age.encrypt([UInt8](), passphrase: "p", workFactor: 0) }
        #expect(throws: AgeError.invalidWorkFactor(23)) { try Age.encrypt([UInt8](), passphrase: "p", workFactor: 23) }
        #expect(throws: AgeError.invalidWorkFactor(23)) { try AgeDecryptor(passphrase: "p", maxWorkFactor: 23) }
    }

    @Test func decryptorIsFinishedAfterAnError() throws {
        var decryptor = AgeDecryptor(identities: [X25519Identity()])
        #expect(throws: AgeError.unsupportedVersion) { try decryptor.update(Array("age-encryption.org/v2\n---\n".utf8)) { _ in } }
        #expect(throws: AgeError.alreadyFinished) { try decryptor.update([UInt8]()) { _ in } }
        #expect(throws: AgeError.alreadyFinished) { try decryptor.finish { _ in } }
    }

    @Test func outputClosureErrorsPassThrough() throws {
        struct DiskFull: Error {}
        var encryptor = try AgeEncryptor(recipients: [X25519Identity().recipient])
        #expect(throws: DiskFull.self) { try encryptor.update([1, 2, 3]) { _ in throw DiskFull() } }
        #expect(throws: AgeError.alreadyFinished) { try encryptor.finish { _ in } }
    }

    /// A stream that never ends its header cannot make the decryptor buffer without bound.
    @Test func oversizedHeaderIsRejected() throws {
        var decryptor = AgeDecryptor(identities: [X25519Identity()])
        let line = Array("age-encryption.org/v1\n-> grease\n".utf8) + [UInt8](repeating: UInt8(ascii: "A"), count: 64 * 1024)
        try decryptor.update(line) { _ in }
        #expect(throws: AgeError.headerTooLarge) {
            for _ in 0..<20 { try decryptor.update([UInt8](repeating: UInt8(ascii: "A"), count: 64 * 1024)) { _ in } }
        }
    }

    @Test func errorDescriptionsAreFixedText() {
        let errors: [AgeError] = [
            .noRecipients, .emptyPassphrase, .invalidWorkFactor(30), .invalidRecipient, .invalidIdentity,
            .alreadyFinished, .truncatedHeader, .headerTooLarge, .unsupportedVersion, .malformedHeader(line: 3),
            .malformedStanza(type: "X25519"), .lowOrderShare, .scryptStanzaNotAlone,
            .workFactorTooHigh(found: 23, limit: 22), .keyDerivationFailed, .noMatchingIdentity, .headerMACMismatch,
            .missingPayloadNonce, .truncatedPayload, .payloadAuthenticationFailed(chunk: 2), .emptyFinalChunk, .trailingData,
        ]
        let descriptions = Set(errors.map(\.description))
        #expect(descriptions.count == errors.count, "each error has its own message")
        #expect(descriptions.allSatisfy { $0.hasPrefix("age: ") })
    }
}
