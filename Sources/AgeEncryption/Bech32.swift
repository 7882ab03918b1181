/// Bech32 (BIP 173) as age uses it for key strings: `age1…` recipients and
/// `AGE-SECRET-KEY-1…` identities.
///
/// Unlike BIP 173 there is no 90-character limit (age's Go implementation has none, and an
/// identity string is longer than that), and the original Bech32 checksum constant is used,
/// not Bech32m's.
enum Bech32 {
    private static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)

    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (value, character) in charset.enumerated() {
            table[Int(character)] = Int8(value)
        }
        return table
    }()

    /// Encodes `bytes` under the human-readable part `hrp`, in lowercase.
    static func encode(hrp: String, bytes: [UInt8]) -> String {
        let lowerHRP = hrp.lowercased()
        let data = fiveBitSymbols(bytes)
        let checksum = createChecksum(hrp: Array(lowerHRP.utf8), data: data)
        let characters = (data + checksum).map { charset[Int($0)] }
        return lowerHRP + "1" + String(decoding: characters, as: UTF8.self)
    }

    /// Decodes a Bech32 string into its human-readable part (in the case it was written in)
    /// and its bytes; `nil` for mixed case, a bad checksum, or malformed data.
    static func decode(_ string: String) -> (hrp: String, bytes: [UInt8])? {
        let raw = Array(string.utf8)
        guard raw.allSatisfy({ (33...126).contains($0) }) else { return nil }
        let hasLower = raw.contains { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
        let hasUpper = raw.contains { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
        guard !(hasLower && hasUpper) else { return nil }
        let lower = Array(string.lowercased().utf8)
        guard let separator = lower.lastIndex(of: UInt8(ascii: "1")),
              separator >= 1, lower.count - separator - 1 >= 6
        else { return nil }

        var data: [UInt8] = []
        for character in lower[(separator + 1)...] {
            let value = values[Int(character)]
            guard value >= 0 else { return nil }
            data.append(UInt8(value))
        }
        let hrp = Array(lower[..<separator])
        guard polymod(expandHRP(hrp) + data) == 1,
              let bytes = bytes(fromFiveBitSymbols: data.dropLast(6))
        else { return nil }
        return (String(decoding: raw[..<separator], as: UTF8.self), bytes)
    }

    private static func polymod(_ values: [UInt8]) -> UInt32 {
        let generator: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]
        var checksum: UInt32 = 1
        for value in values {
            let top = checksum >> 25
            checksum = (checksum & 0x1FF_FFFF) << 5 ^ UInt32(value)
            for bit in 0..<5 where (top >> UInt32(bit)) & 1 == 1 {
                checksum ^= generator[bit]
            }
        }
        return checksum
    }

    private static func expandHRP(_ hrp: [UInt8]) -> [UInt8] {
        hrp.map { $0 >> 5 } + [0] + hrp.map { $0 & 31 }
    }

    private static func createChecksum(hrp: [UInt8], data: [UInt8]) -> [UInt8] {
        let checksum = polymod(expandHRP(hrp) + data + [0, 0, 0, 0, 0, 0]) ^ 1
        return (0..<6).map { UInt8((checksum >> UInt32(5 * (5 - $0))) & 31) }
    }

    /// Regroups bytes into 5-bit symbols, zero-padding the last one.
    private static func fiveBitSymbols(_ bytes: [UInt8]) -> [UInt8] {
        var accumulator = 0
        var bits = 0
        var output: [UInt8] = []
        for byte in bytes {
            accumulator = (accumulator << 8 | Int(byte)) & 0xFFF
            bits += 8
            while bits >= 5 {
                bits -= 5
                output.append(UInt8(accumulator >> bits & 31))
            }
        }
        if bits > 0 { output.append(UInt8(accumulator << (5 - bits) & 31)) }
        return output
    }

    /// Regroups 5-bit symbols into bytes. The padding left over must be under 5 bits and
    /// zero, so that each byte string has exactly one encoding.
    private static func bytes(fromFiveBitSymbols symbols: some Collection<UInt8>) -> [UInt8]? {
        var accumulator = 0
        var bits = 0
        var output: [UInt8] = []
        for symbol in symbols {
            accumulator = (accumulator << 5 | Int(symbol)) & 0xFFF
            bits += 5
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(accumulator >> bits & 0xFF))
            }
        }
        guard bits < 5, accumulator & ((1 << bits) - 1) == 0 else { return nil }
        return output
    }
}
