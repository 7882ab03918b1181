import Crypto
import CryptoExtras
import Foundation
public import WardenCore

/// Hashes passwords with scrypt and stores them as PHC strings
/// (`$scrypt$ln=15,r=8,p=1$<salt>$<hash>`), so the cost can rise later without breaking
/// existing hashes: each hash carries its own parameters.
public struct PasswordHasher: Sendable {
    /// log2 of scrypt's N. 15 (32 MiB, ~0.1 s here) for people; tests may lower it.
    public var logRounds: Int

    public init(logRounds: Int = 15) {
        self.logRounds = logRounds
    }

    public func hash(_ password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        for index in salt.indices { salt[index] = UInt8.random(in: .min ... .max) }
        let key = try derive(password, salt: salt, logRounds: logRounds, blockSize: 8, parallelism: 1)
        return "$scrypt$ln=\(logRounds),r=8,p=1$\(Data(salt).base64EncodedString())$\(Data(key).base64EncodedString())"
    }

    /// Whether `password` matches `phc`, compared in constant time. A malformed hash never matches.
    public func verify(_ password: String, against phc: String) -> Bool {
        let parts = phc.split(separator: "$")
        guard parts.count == 4, parts[0] == "scrypt",
              let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3]))
        else { return false }
        var parameters: [String: Int] = [:]
        for item in parts[1].split(separator: ",") {
            let pair = item.split(separator: "=")
            if pair.count == 2, let value = Int(pair[1]) { parameters[String(pair[0])] = value }
        }
        guard let ln = parameters["ln"], let r = parameters["r"], let p = parameters["p"], (1...20).contains(ln),
              let key = try? derive(password, salt: Array(salt), logRounds: ln, blockSize: r, parallelism: p)
        else { return false }
        return Self.constantTimeEqual(key, Array(expected))
    }

    private func derive(_ password: String, salt: [UInt8], logRounds: Int, blockSize: Int, parallelism: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(password.utf8), salt: salt, outputByteCount: 32, rounds: 1 << logRounds,
            blockSize: blockSize, parallelism: parallelism)
        return key.withUnsafeBytes { Array($0) }
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
