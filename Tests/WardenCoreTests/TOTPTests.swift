import Testing
import WardenCore

/// RFC 6238 Appendix B test vectors (SHA-1, 8 digits, secret "12345678901234567890").
@Suite("TOTP")
struct TOTPTests {
    let totp = TOTP(secret: Array("12345678901234567890".utf8), digits: 8)

    @Test(arguments: [
        (Int64(59), "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ])
    func matchesTheRFC6238Vectors(time: Int64, code: String) {
        #expect(totp.code(at: time) == code)
    }

    @Test func acceptsOneStepOfDriftAndRefusesReplays() {
        let six = TOTP(secret: Array("12345678901234567890".utf8))
        let now: Int64 = 1_800_000_000
        let previous = six.code(at: now - 30)
        #expect(six.verify(previous, at: now, lastUsedStep: nil) == six.step(at: now - 30))
        #expect(six.verify(six.code(at: now - 90), at: now, lastUsedStep: nil) == nil)
        #expect(six.verify(six.code(at: now), at: now, lastUsedStep: six.step(at: now)) == nil)
        #expect(six.verify("000000", at: now, lastUsedStep: nil) == nil || six.code(at: now) == "000000")
    }

    @Test func base32RoundTrips() {
        let bytes: [UInt8] = Array("12345678901234567890".utf8)
        #expect(Base32.encode(bytes) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(Base32.decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") == bytes)
    }
}
