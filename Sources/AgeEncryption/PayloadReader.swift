/// Splits an incoming payload into sealed chunks and opens them as they complete.
///
/// Which chunk is final is not written anywhere but in its nonce, so a full-size chunk is
/// held back until more bytes arrive or the input ends. Decisions follow the reference
/// implementation, so the same plaintext is released before any failure: a full chunk
/// that opens as final while more bytes follow is released and then rejected as trailing
/// data; a full chunk that opens as non-final at the end is released and then reported
/// as truncation.
struct PayloadReader: Sendable {
    private var cipher: PayloadCipher
    private var buffer: [UInt8] = []

    init(cipher: PayloadCipher) {
        self.cipher = cipher
    }

    /// Opens every chunk known not to be the last one and hands out its plaintext.
    mutating func consume(_ bytes: some Sequence<UInt8>, emit: ([UInt8]) throws -> Void) throws {
        buffer.append(contentsOf: bytes)
        var offset = 0
        defer { buffer.removeFirst(offset) }
        while buffer.count - offset > PayloadCipher.sealedChunkSize {
            let chunk = buffer[offset..<(offset + PayloadCipher.sealedChunkSize)]
            offset += PayloadCipher.sealedChunkSize
            if let plaintext = cipher.open(chunk, isFinal: false) {
                try emit(plaintext)
            } else if let plaintext = cipher.open(chunk, isFinal: true) {
                try emit(plaintext)
                throw AgeError.trailingData
            } else {
                throw AgeError.payloadAuthenticationFailed(chunk: cipher.chunkIndex)
            }
        }
    }

    /// Opens the held-back last chunk once the input has ended.
    mutating func finish(emit: ([UInt8]) throws -> Void) throws {
        let chunk = buffer[...]
        guard !chunk.isEmpty else { throw AgeError.truncatedPayload }
        if chunk.count == PayloadCipher.sealedChunkSize, let plaintext = cipher.open(chunk, isFinal: false) {
            try emit(plaintext)
            throw AgeError.truncatedPayload
        }
        // Only a file with no plaintext at all may end with an empty chunk.
        guard chunk.count != PayloadCipher.tagSize || cipher.chunkIndex == 0 else { throw AgeError.emptyFinalChunk }
        guard let plaintext = cipher.open(chunk, isFinal: true) else {
            throw AgeError.payloadAuthenticationFailed(chunk: cipher.chunkIndex)
        }
        buffer = []
        try emit(plaintext)
    }
}
