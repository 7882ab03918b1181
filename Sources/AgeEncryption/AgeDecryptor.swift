#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Decrypts an age file fed in pieces, handing out plaintext one verified chunk at a time.
///
/// The header (stanzas and MAC) is fully verified before any plaintext is released, and
/// every chunk is authenticated before it is released. A file can still turn out to be
/// truncated or damaged after some chunks have been handed out, so treat the output as
/// untrusted, and discard it, unless ``finish(plaintext:)`` returns normally.
///
/// If anything throws, including the closure, the decryptor is finished.
public struct AgeDecryptor: Sendable {
    private let identities: [any Identity]
    /// Input not yet consumed while reading the header and the payload nonce.
    private var pending: [UInt8] = []
    /// Where to resume looking for the end of the header in `pending`.
    private var headerScanOffset = 0
    private var fileKey: FileKey?
    private var payload: PayloadReader?
    private var isFinished = false

    /// A decryptor that opens files encrypted to any of `identities`.
    public init(identities: [X25519Identity]) {
        self.identities = identities
    }

    /// A decryptor for files encrypted to `passphrase`.
    ///
    /// The file chooses the scrypt work factor, so one above `maxWorkFactor` is refused
    /// before any work is done; a hostile file could otherwise demand gigabytes of memory
    /// and minutes of CPU. Lower the limit where untrusted files are opened.
    /// - Throws: ``AgeError/emptyPassphrase``, or ``AgeError/invalidWorkFactor(_:)`` for a
    ///   limit outside `1...Age.maxScryptWorkFactor`.
    public init(passphrase: String, maxWorkFactor: Int = Age.maxScryptWorkFactor) throws {
        guard !passphrase.isEmpty else { throw AgeError.emptyPassphrase }
        guard (1...Age.maxScryptWorkFactor).contains(maxWorkFactor) else {
            throw AgeError.invalidWorkFactor(maxWorkFactor)
        }
        identities = [ScryptIdentity(passphrase: Array(passphrase.utf8), maxWorkFactor: maxWorkFactor)]
    }

    /// Adds ciphertext, handing out the plaintext of every chunk that is complete and verified.
    public mutating func update(_ ciphertext: some DataProtocol, plaintext: (Data) throws -> Void) throws {
        guard !isFinished else { throw AgeError.alreadyFinished }
        do {
            try process(Array(ciphertext), atEnd: false) { try plaintext(Data($0)) }
        } catch {
            isFinished = true
            throw error
        }
    }

    /// Ends the input, hands out the final chunk's plaintext, and checks that the file was
    /// complete. Only when this returns normally is the whole plaintext authentic.
    public mutating func finish(plaintext: (Data) throws -> Void) throws {
        guard !isFinished else { throw AgeError.alreadyFinished }
        isFinished = true
        try process([], atEnd: true) { try plaintext(Data($0)) }
    }

    private mutating func process(_ input: [UInt8], atEnd: Bool, emit: ([UInt8]) throws -> Void) throws {
        if payload == nil {
            pending.append(contentsOf: input)
            guard try readHeaderAndNonce(atEnd: atEnd) else { return }
            let rest = pending
            pending = []
            try payload?.consume(rest, emit: emit)
        } else {
            try payload?.consume(input, emit: emit)
        }
        if atEnd {
            try payload?.finish(emit: emit)
        }
    }

    /// Reads and verifies the header, then the payload nonce, once enough input is there.
    /// Returns whether the payload can start; throws if the input ended before it could.
    private mutating func readHeaderAndNonce(atEnd: Bool) throws -> Bool {
        let fileKey: FileKey
        if let known = self.fileKey {
            fileKey = known
        } else {
            guard let end = Header.end(in: pending, scanFrom: &headerScanOffset) else {
                if atEnd { throw AgeError.truncatedHeader }
                if pending.count > Age.maxHeaderSize { throw AgeError.headerTooLarge }
                return false
            }
            guard end <= Age.maxHeaderSize else { throw AgeError.headerTooLarge }
            fileKey = try openHeader(Header(parsing: pending[..<end]))
            self.fileKey = fileKey
            pending.removeFirst(end)
        }
        guard pending.count >= PayloadCipher.nonceSize else {
            if atEnd { throw AgeError.missingPayloadNonce }
            return false
        }
        let nonce = Array(pending.prefix(PayloadCipher.nonceSize))
        pending.removeFirst(PayloadCipher.nonceSize)
        payload = PayloadReader(cipher: PayloadCipher(fileKey: fileKey, nonce: nonce))
        return true
    }

    /// Recovers the file key from the header and checks the header MAC with it.
    private func openHeader(_ header: Header) throws -> FileKey {
        // A passphrase file must not also be openable by another key; the spec makes
        // decrypters enforce this regardless of which identity is being tried.
        if header.stanzas.count > 1, header.stanzas.contains(where: { $0.type == ScryptRecipient.stanzaType }) {
            throw AgeError.scryptStanzaNotAlone
        }
        var found: FileKey?
        for identity in identities where found == nil {
            found = try identity.unwrap(header.stanzas)
        }
        guard let fileKey = found else { throw AgeError.noMatchingIdentity }
        guard fileKey.isValidHeaderMAC(header.mac, for: header.authenticatedBytes) else {
            throw AgeError.headerMACMismatch
        }
        return fileKey
    }
}
