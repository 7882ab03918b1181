#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Encrypts a stream into an age file piece by piece, so a large plaintext never has to be
/// in memory whole: at most one 64 KiB chunk is buffered.
///
/// ```swift
/// var encryptor = try AgeEncryptor(recipients: [recipient])
/// for try await piece in source { try encryptor.update(piece) { try output.write(contentsOf: $0) } }
/// try encryptor.finish { try output.write(contentsOf: $0) }
/// ```
///
/// The output closure receives the header, then each sealed chunk, in order. If anything
/// throws, including the closure, the encryptor is finished and the output is unusable.
public struct AgeEncryptor: Sendable {
    /// The header and payload nonce, handed out before the first chunk.
    private var pendingHeader: [UInt8]
    private var cipher: PayloadCipher
    /// Plaintext not yet sealed. A full chunk is kept until more arrives, because the final
    /// chunk must be marked and may be full-size.
    private var buffer: [UInt8] = []
    private var isFinished = false

    /// An encryptor to one or more X25519 recipients; any of their identities will open it.
    /// - Throws: ``AgeError/noRecipients`` for an empty list.
    public init(recipients: [X25519Recipient]) throws {
        guard !recipients.isEmpty else { throw AgeError.noRecipients }
        try self.init(wrappingFor: recipients)
    }

    /// An encryptor to a passphrase, stretched with scrypt at 2^`workFactor` iterations
    /// (about a second at the default 18).
    /// - Throws: ``AgeError/emptyPassphrase``, or ``AgeError/invalidWorkFactor(_:)`` outside
    ///   `1...Age.maxScryptWorkFactor` (above it, age and this library refuse to decrypt).
    public init(passphrase: String, workFactor: Int = Age.defaultScryptWorkFactor) throws {
        guard !passphrase.isEmpty else { throw AgeError.emptyPassphrase }
        guard (1...Age.maxScryptWorkFactor).contains(workFactor) else {
            throw AgeError.invalidWorkFactor(workFactor)
        }
        try self.init(wrappingFor: [ScryptRecipient(passphrase: Array(passphrase.utf8), workFactor: workFactor)])
    }

    private init(wrappingFor recipients: [any Recipient]) throws {
        let fileKey = FileKey()
        let stanzas = try recipients.map { try $0.wrap(fileKey) }
        let nonce = SecureRandom.bytes(count: PayloadCipher.nonceSize)
        pendingHeader = Header.encode(stanzas: stanzas, fileKey: fileKey) + nonce
        cipher = PayloadCipher(fileKey: fileKey, nonce: nonce)
    }

    /// Adds plaintext, handing any ciphertext that is ready to `ciphertext`.
    public mutating func update(_ plaintext: some DataProtocol, ciphertext: (Data) throws -> Void) throws {
        guard !isFinished else { throw AgeError.alreadyFinished }
        do {
            buffer.append(contentsOf: plaintext)
            try emitHeader(to: ciphertext)
            var offset = 0
            defer { buffer.removeFirst(offset) }
            while buffer.count - offset > PayloadCipher.chunkSize {
                let chunk = buffer[offset..<(offset + PayloadCipher.chunkSize)]
                offset += PayloadCipher.chunkSize
                try ciphertext(Data(try cipher.seal(chunk, isFinal: false)))
            }
        } catch {
            isFinished = true
            throw error
        }
    }

    /// Seals the final chunk (empty only if there was no plaintext at all) and hands out the
    /// rest of the file. The encryptor cannot be used afterwards.
    public mutating func finish(ciphertext: (Data) throws -> Void) throws {
        guard !isFinished else { throw AgeError.alreadyFinished }
        isFinished = true
        try emitHeader(to: ciphertext)
        try ciphertext(Data(try cipher.seal(buffer[...], isFinal: true)))
        buffer = []
    }

    private mutating func emitHeader(to ciphertext: (Data) throws -> Void) throws {
        guard !pendingHeader.isEmpty else { return }
        let header = pendingHeader
        pendingHeader = []
        try ciphertext(Data(header))
    }
}
