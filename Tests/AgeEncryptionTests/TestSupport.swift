import AgeEncryption
import Foundation

/// Deterministic, non-repeating bytes (xorshift64*), so round trips compare real content
/// and a chunk that was swapped or duplicated cannot go unnoticed.
func sampleBytes(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
    var state = seed
    var output: [UInt8] = []
    output.reserveCapacity(count + 8)
    while output.count < count {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        withUnsafeBytes(of: state &* 0x2545_F491_4F6C_DD1D) { output.append(contentsOf: $0) }
    }
    return Array(output.prefix(count))
}

/// The sizes of an age file's parts, from the header's length and the plaintext's length:
/// one 16-byte tag per 64 KiB chunk, and at least one chunk.
func expectedFileSize(headerSize: Int, plaintextSize: Int) -> Int {
    let chunks = max(1, (plaintextSize + 65535) / 65536)
    return headerSize + 16 + plaintextSize + 16 * chunks
}

/// The length of the header of an age file: up to and including the MAC line's line feed.
func headerLength(of file: [UInt8]) -> Int? {
    var lineStart = 0
    while let lineFeed = file[lineStart...].firstIndex(of: 0x0A) {
        if file[lineStart..<lineFeed].starts(with: Array("---".utf8)) { return lineFeed + 1 }
        lineStart = lineFeed + 1
    }
    return nil
}

/// Feeds `file` to `decryptor` in pieces of `pieceSize` and collects what it releases,
/// returning the plaintext released even when decryption fails, together with the error.
func decryptInPieces(_ file: [UInt8], with decryptor: AgeDecryptor, pieceSize: Int) -> (released: [UInt8], error: (any Error)?) {
    var decryptor = decryptor
    var released: [UInt8] = []
    do {
        for start in stride(from: 0, to: file.count, by: pieceSize) {
            try decryptor.update(file[start..<min(start + pieceSize, file.count)]) { released += $0 }
        }
        try decryptor.finish { released += $0 }
        return (released, nil)
    } catch {
        return (released, error)
    }
}

/// Runs `body` and returns the `AgeError` it throws, or `nil` if it throws nothing or
/// something else.
func ageError(_ body: () throws -> Void) -> AgeError? {
    do {
        try body()
        return nil
    } catch {
        return error as? AgeError
    }
}
