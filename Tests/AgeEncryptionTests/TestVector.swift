import AgeEncryption
import Foundation

/// One file of the age testkit (C2SP CCTV `age/testdata`, copied with its LICENSE into
/// Resources): `key: value` lines, an empty line, then the age file, zlib-compressed when
/// the header says `compressed: zlib`.
struct TestVector {
    /// What a correct decryptor does with the file.
    enum Outcome: String {
        case success
        case noMatch = "no match"
        case hmacFailure = "HMAC failure"
        case headerFailure = "header failure"
        case payloadFailure = "payload failure"
        case armorFailure = "armor failure"
    }

    let name: String
    let expected: Outcome
    /// Hex SHA-256 of all plaintext a decryptor releases before it succeeds or fails. The
    /// testkit omits it where nothing may be released (header failures, no match); that is
    /// the hash of no bytes.
    let payloadHash: String
    let identities: [String]
    let passphrases: [String]
    let isArmored: Bool
    let file: [UInt8]

    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Why this library cannot run the vector, or `nil` if it can.
    var unsupportedFeature: String? {
        if isArmored { return "ASCII armor" }
        if identities.contains(where: { $0.hasPrefix("AGE-SECRET-KEY-PQ-") }) { return "ML-KEM-768 + X25519 hybrid identity" }
        return nil
    }

    init(name: String, contents: [UInt8]) throws {
        guard let split = contents.indices.dropLast().first(where: { contents[$0] == 0x0A && contents[$0 + 1] == 0x0A }) else {
            throw VectorError(name: name, problem: "no blank line after the vector header")
        }
        var fields: [(key: String, value: String)] = []
        for line in String(decoding: contents[..<split], as: UTF8.self).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { throw VectorError(name: name, problem: "bad header line") }
            fields.append((String(line[..<colon]), String(line[line.index(colon, offsetBy: 2)...])))
        }
        func values(_ key: String) -> [String] { fields.filter { $0.key == key }.map(\.value) }

        guard let expectation = values("expect").first, let expected = Outcome(rawValue: expectation) else {
            throw VectorError(name: name, problem: "missing or unknown expect")
        }
        let body = contents[(split + 2)...]
        self.name = name
        self.expected = expected
        self.payloadHash = values("payload").first ?? Self.emptyHash
        self.identities = values("identity")
        self.passphrases = values("passphrase")
        self.isArmored = values("armored").first == "yes"
        self.file = values("compressed").first == "zlib" ? try Zlib.decompress(body) : Array(body)
    }

    /// Every vector in the bundled testdata folder, sorted by name.
    static func all() throws -> [TestVector] {
        guard let folder = Bundle.module.url(forResource: "testdata", withExtension: nil) else {
            throw VectorError(name: "testdata", problem: "resource folder missing")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try names.map { name in
            try TestVector(name: name, contents: Array(Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }

    /// The testkit's failure class for an error this library throws while decrypting.
    static func outcome(of error: AgeError) -> Outcome? {
        switch error {
        case .noMatchingIdentity:
            .noMatch
        case .headerMACMismatch:
            .hmacFailure
        case .truncatedHeader, .headerTooLarge, .unsupportedVersion, .malformedHeader, .malformedStanza,
             .lowOrderShare, .scryptStanzaNotAlone, .workFactorTooHigh, .missingPayloadNonce:
            .headerFailure
        case .truncatedPayload, .payloadAuthenticationFailed, .emptyFinalChunk, .trailingData:
            .payloadFailure
        case .noRecipients, .emptyPassphrase, .invalidWorkFactor, .invalidRecipient, .invalidIdentity,
             .alreadyFinished, .keyDerivationFailed:
            nil
        }
    }
}

struct VectorError: Error, CustomStringConvertible {
    let name: String
    let problem: String
    var description: String { "\(name): \(problem)" }
}
