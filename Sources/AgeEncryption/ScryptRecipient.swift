import Crypto
import CryptoExtras

/// The passphrase recipient: the file key is wrapped under an scrypt-derived key.
///
/// Stanza: `-> scrypt <base64 16-byte salt> <log2 N>` with a body of the sealed file key.
/// The key is scrypt(passphrase, "age-encryption.org/v1/scrypt" ‖ salt, N, r = 8, p = 1).
struct ScryptRecipient: Recipient {
    static let stanzaType = "scrypt"
    static let saltByteCount = 16
    /// Prefixed to the salt so that an scrypt key derived for age is never valid elsewhere.
    static let saltLabel = Array("age-encryption.org/v1/scrypt".utf8)

    let passphrase: [UInt8]
    let workFactor: Int

    func wrap(_ fileKey: FileKey) throws -> Stanza {
        let salt = SecureRandom.bytes(count: Self.saltByteCount)
        let key = try Self.wrappingKey(passphrase: passphrase, salt: salt, workFactor: workFactor)
        return Stanza(
            type: Self.stanzaType,
            arguments: [Base64.encode(salt), String(workFactor)],
            body: try fileKey.wrapped(with: key)
        )
    }

    static func wrappingKey(passphrase: [UInt8], salt: [UInt8], workFactor: Int) throws -> SymmetricKey {
        do {
            return try KDF.Scrypt.deriveKey(
                from: passphrase,
                salt: saltLabel + salt,
                outputByteCount: 32,
                rounds: 1 << workFactor,
                blockSize: 8,
                parallelism: 1
            )
        } catch {
            throw AgeError.keyDerivationFailed
        }
    }
}

/// The passphrase identity, with a ceiling on the work factor it is willing to compute,
/// because the file chooses N and a hostile file could otherwise demand gigabytes of memory.
struct ScryptIdentity: Identity {
    let passphrase: [UInt8]
    let maxWorkFactor: Int

    func unwrap(_ stanzas: [Stanza]) throws -> FileKey? {
        for stanza in stanzas where stanza.type == ScryptRecipient.stanzaType {
            guard stanza.arguments.count == 2,
                  let salt = Base64.decode(stanza.arguments[0]),
                  salt.count == ScryptRecipient.saltByteCount,
                  let workFactor = Self.parseWorkFactor(stanza.arguments[1]),
                  stanza.body.count == FileKey.byteCount + PayloadCipher.tagSize
            else { throw AgeError.malformedStanza(type: ScryptRecipient.stanzaType) }
            guard workFactor <= maxWorkFactor else {
                throw AgeError.workFactorTooHigh(found: workFactor, limit: maxWorkFactor)
            }
            let key = try ScryptRecipient.wrappingKey(passphrase: passphrase, salt: salt, workFactor: workFactor)
            if let fileKey = FileKey(unwrapping: stanza.body, with: key) {
                return fileKey
            }
        }
        return nil
    }

    /// Parses the work factor as age spells it: a decimal number without sign or leading
    /// zeros (so "0", "018", "+18", "0x12" are all rejected), at most two digits.
    private static func parseWorkFactor(_ text: String) -> Int? {
        let digits = Array(text.utf8)
        guard (1...2).contains(digits.count),
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              digits[0] != UInt8(ascii: "0")
        else { return nil }
        return Int(text)
    }
}
