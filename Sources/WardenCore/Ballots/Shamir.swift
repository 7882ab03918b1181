/// Shamir's secret sharing over GF(2^8), byte by byte, with the field AES and SLIP-0039 use
/// (x^8 + x^4 + x^3 + x + 1): a ballot's private key is split among its trustees so that any
/// `threshold` of them can open it and fewer learn nothing of it.
public enum Shamir {
    /// One trustee's share: where on the polynomials it lies (1 to 255), and the polynomials'
    /// values there, one byte per byte of the secret.
    public struct Share: Sendable, Hashable, Codable {
        public var x: UInt8
        public var y: [UInt8]

        public init(x: UInt8, y: [UInt8]) {
            self.x = x
            self.y = y
        }
    }

    /// Splits `secret` into `count` shares (at x = 1 … count), any `threshold` of which rebuild
    /// it: each byte is the constant term of its own random polynomial of degree `threshold - 1`.
    public static func split(_ secret: [UInt8], threshold: Int, count: Int, using random: inout some RandomNumberGenerator) throws(WardenError) -> [Share] {
        guard (2...255).contains(threshold), (threshold...255).contains(count), !secret.isEmpty else {
            throw .invalidRequest("shares: a threshold of at least 2, no more shares than 255, and a secret to share")
        }
        var shares = (1...count).map { Share(x: UInt8($0), y: []) }
        for byte in secret {
            let coefficients = [byte] + (1..<threshold).map { _ in UInt8.random(in: 0...255, using: &random) }
            for index in shares.indices {
                shares[index].y.append(GF256.evaluate(coefficients, at: shares[index].x))
            }
        }
        return shares
    }

    /// The secret `shares` rebuild: the polynomials' values at x = 0. Given fewer shares than the
    /// threshold this is a wrong secret, never an error, so whatever opens with it (the ballot
    /// key's check) must say whether it is right.
    public static func combine(_ shares: [Share]) throws(WardenError) -> [UInt8] {
        try interpolate(shares, at: 0)
    }

    /// The polynomials through `shares`, evaluated at `x` (Lagrange interpolation).
    public static func interpolate(_ shares: [Share], at x: UInt8) throws(WardenError) -> [UInt8] {
        guard let length = shares.first?.y.count, shares.allSatisfy({ $0.y.count == length && $0.x != 0 }),
              Set(shares.map(\.x)).count == shares.count
        else { throw .invalidRequest("shares: each at its own point, none at zero, all of one length") }
        if let exact = shares.first(where: { $0.x == x }) { return exact.y }
        var result = [UInt8](repeating: 0, count: length)
        for share in shares {
            // The Lagrange basis polynomial of this share, at x: the product over the others of (x - xj) / (xi - xj).
            var basis: UInt8 = 1
            for other in shares where other.x != share.x {
                basis = GF256.multiply(basis, GF256.divide(x ^ other.x, share.x ^ other.x))
            }
            for index in 0..<length {
                result[index] ^= GF256.multiply(share.y[index], basis)
            }
        }
        return result
    }
}

/// Arithmetic in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1, by tables of powers of the generator x + 1.
enum GF256 {
    static let (exp, log): ([UInt8], [Int]) = {
        var exp = [UInt8](repeating: 0, count: 255), log = [Int](repeating: 0, count: 256)
        var value = 1
        for power in 0..<255 {
            exp[power] = UInt8(value)
            log[value] = power
            value ^= value << 1
            if value & 0x100 != 0 { value ^= 0x11B }
        }
        return (exp, log)
    }()

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        guard a != 0, b != 0 else { return 0 }
        return exp[(log[Int(a)] + log[Int(b)]) % 255]
    }

    /// `a / b`; `b` is never zero here (shares sit at distinct points).
    static func divide(_ a: UInt8, _ b: UInt8) -> UInt8 {
        guard a != 0 else { return 0 }
        return exp[(log[Int(a)] - log[Int(b)] + 255) % 255]
    }

    /// The polynomial with `coefficients` (constant first) at `x`, by Horner's rule.
    static func evaluate(_ coefficients: [UInt8], at x: UInt8) -> UInt8 {
        coefficients.reversed().reduce(0) { multiply($0, x) ^ $1 }
    }
}
