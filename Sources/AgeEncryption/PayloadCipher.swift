import Crypto

/// age's variant of the STREAM construction: the payload is cut into 64 KiB chunks, each
/// sealed with ChaCha20-Poly1305 under the payload key and a nonce of an 11-byte big-endian
/// chunk counter followed by a flag byte that is 0x01 only on the final chunk.
///
/// The counter stops chunks from being reordered or dropped; the final flag stops the file
/// from being truncated at a chunk boundary.
struct PayloadCipher: Sendable {
    static let chunkSize = 64 * 1024
    static let tagSize = 16
    static let sealedChunkSize = chunkSize + tagSize
    /// The random nonce written after the header, from which the payload key is derived.
    static let nonceSize = 16

    private let key: SymmetricKey
    /// The index of the next chunk to seal or open.
    private(set) var chunkIndex = 0

    init(fileKey: FileKey, nonce: [UInt8]) {
        key = fileKey.payloadKey(nonce: nonce)
    }

    /// Seals the next chunk and returns ciphertext followed by tag.
    mutating func seal(_ chunk: ArraySlice<UInt8>, isFinal: Bool) throws -> [UInt8] {
        let box = try ChaChaPoly.seal(chunk, using: key, nonce: nonce(isFinal: isFinal))
        chunkIndex += 1
        return Array(box.ciphertext) + Array(box.tag)
    }

    /// Opens the next chunk as final or not; `nil` if it does not authenticate that way, in
    /// which case the counter stays put so the caller may try the other flag.
    mutating func open(_ sealedChunk: ArraySlice<UInt8>, isFinal: Bool) -> [UInt8]? {
        guard sealedChunk.count >= Self.tagSize,
              let box = try? ChaChaPoly.SealedBox(
                  nonce: nonce(isFinal: isFinal),
                  ciphertext: sealedChunk.dropLast(Self.tagSize),
                  tag: sealedChunk.suffix(Self.tagSize)
              ),
              let plaintext = try? ChaChaPoly.open(box, using: key)
        else { return nil }
        chunkIndex += 1
        return Array(plaintext)
    }

    private func nonce(isFinal: Bool) throws -> ChaChaPoly.Nonce {
        var bytes = [UInt8](repeating: 0, count: 3)
        withUnsafeBytes(of: UInt64(chunkIndex).bigEndian) { bytes.append(contentsOf: $0) }
        bytes.append(isFinal ? 0x01 : 0x00)
        return try ChaChaPoly.Nonce(data: bytes)
    }
}
