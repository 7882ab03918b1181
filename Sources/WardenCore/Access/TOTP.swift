public import Crypto

/// Time-based one-time passwords (RFC 6238) over HMAC-SHA-1, the second factor every role
/// above member must use.
///
/// Codes are six digits for 30-second steps. ``verify(_:at:lastUsedStep:)`` accepts the
/// current step and one either side (clock drift), compares in constant time, and refuses a
/// step at or before the last one used, so a code seen over a shoulder cannot be replayed.
public struct TOTP: Sendable {
    public let secret: [UInt8]
    public var digits: Int
    public var stepSeconds: Int64

    public init(secret: [UInt8], digits: Int = 6, stepSeconds: Int64 = 30) {
        self.secret = secret
        self.digits = digits
        self.stepSeconds = stepSeconds
    }

    /// A new random 160-bit secret (RFC 4226 recommends at least 128).
    public static func generateSecret() -> [UInt8] {
        SymmetricKey(size: .init(bitCount: 160)).withUnsafeBytes { Array($0) }
    }

    /// The time step containing `secondsSince1970`.
    public func step(at secondsSince1970: Int64) -> Int64 {
        secondsSince1970 / stepSeconds
    }

    /// The code for a time step (RFC 4226 HOTP with the step as counter).
    public func code(forStep step: Int64) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    /// The code at an instant.
    public func code(at secondsSince1970: Int64) -> String {
        code(forStep: step(at: secondsSince1970))
    }

    /// The step `candidate` is valid for at `secondsSince1970` (±1 step), if it is later than
    /// `lastUsedStep`; `nil` otherwise. Store the returned step as the new last-used step.
    public func verify(_ candidate: String, at secondsSince1970: Int64, lastUsedStep: Int64?) -> Int64? {
        let now = step(at: secondsSince1970)
        let given = Array(candidate.utf8)
        var matched: Int64?
        for step in (now - 1)...(now + 1) {
            let expected = Array(code(forStep: step).utf8)
            var difference = UInt8(expected.count == given.count ? 0 : 1)
            for index in 0..<min(expected.count, given.count) { difference |= expected[index] ^ given[index] }
            if difference == 0 && matched == nil { matched = step }
        }
        guard let matched, matched > (lastUsedStep ?? Int64.min) else { return nil }
        return matched
    }

    /// The `otpauth://` URI authenticator apps read (RFC 4648 base32 secret).
    public func provisioningURI(account: String, issuer: String = "Warden") -> String {
        "otpauth://totp/\(issuer):\(account)?secret=\(Base32.encode(secret))&issuer=\(issuer)&algorithm=SHA1&digits=\(digits)&period=\(stepSeconds)"
    }
}

/// RFC 4648 base32 without padding, as authenticator apps expect.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: output, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for character in text.uppercased().utf8 where character != UInt8(ascii: "=") && character != UInt8(ascii: " ") {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                output.append(UInt8((buffer >> UInt32(bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return output
    }
}
