/// Standard base64 (RFC 4648 §4) *without* padding, the only encoding age uses in its header.
///
/// age requires the canonical encoding (no `=` padding, unused trailing bits zero), so each
/// value has exactly one textual form and a header cannot be altered without changing its
/// bytes. Foundation's decoder accepts padding and non-zero trailing bits, so this small
/// strict codec is used instead.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The 6-bit value of each ASCII byte, or `0xFF` where the byte is not in the alphabet.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        return table
    }()

    /// Reports whether `byte` belongs to the base64 alphabet (used to validate body lines).
    static func isAlphabetCharacter(_ byte: UInt8) -> Bool {
        values[Int(byte)] != 0xFF
    }

    static func encode(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = iterator.next()
            let group = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            output.append(alphabet[Int(group >> 18 & 0x3F)])
            output.append(alphabet[Int(group >> 12 & 0x3F)])
            if second != nil { output.append(alphabet[Int(group >> 6 & 0x3F)]) }
            if third != nil { output.append(alphabet[Int(group & 0x3F)]) }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes unpadded canonical base64 given as ASCII bytes; `nil` for anything else
    /// (padding, characters outside the alphabet, an impossible length, non-zero spare bits).
    static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        guard text.count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bitCount = 0
        for character in text {
            let value = values[Int(character)]
            guard value != 0xFF else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bitCount)))
                accumulator &= (1 << UInt32(bitCount)) - 1
            }
        }
        // Leftover bits (2 or 4) must be zero, or two spellings would decode to the same bytes.
        guard accumulator == 0 else { return nil }
        return output
    }

    /// Decodes a `String` argument (such as an scrypt salt) the same strict way.
    static func decode(_ text: String) -> [UInt8]? {
        decode(Array(text.utf8))
    }
}
