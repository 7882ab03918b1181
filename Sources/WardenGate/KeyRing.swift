public import Crypto
import Foundation
public import WardenCore

/// The keys that must never sit in the database file or its backups: key-encryption keys
/// for special category data and the signing key for log checkpoints.
///
/// Kept in a file of its own, readable by its owner only (mode 0600); Warden refuses to
/// use a key ring that others can read. An external KMS can take its place later.
public struct KeyRing: Sendable {
    /// Key-encryption keys by version; the highest version wraps new data keys.
    var keyEncryptionKeys: [Int: SymmetricKey]
    /// Signs checkpoints of the audit log.
    public internal(set) var signingKey: Curve25519.Signing.PrivateKey

    struct File: Codable {
        var format = "warden-keyring-1"
        var keyEncryptionKeys: [String: String]
        var signingKey: String
    }

    /// A new key ring with fresh random keys.
    public static func generate() -> KeyRing {
        KeyRing(keyEncryptionKeys: [1: SymmetricKey(size: .bits256)], signingKey: Curve25519.Signing.PrivateKey())
    }

    /// Writes the key ring to a new file at `path` with mode 0600; never overwrites.
    public func create(at path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw WardenError.conflict("\(path): a key ring already exists; refusing to overwrite it")
        }
        guard FileManager.default.createFile(atPath: path, contents: try encoded(), attributes: [.posixPermissions: 0o600]) else {
            throw WardenError.invalidRequest("\(path): cannot create the key ring")
        }
    }

    /// Replaces the key ring at `path` in one step: a new 0600 file beside it, renamed over
    /// it, so a reader sees the old ring or the new one and never half of either.
    public func replace(at path: String) throws {
        let temporary = path + ".new"
        try? FileManager.default.removeItem(atPath: temporary)
        guard FileManager.default.createFile(atPath: temporary, contents: try encoded(), attributes: [.posixPermissions: 0o600]) else {
            throw WardenError.invalidRequest("\(path): cannot write the new key ring beside it")
        }
        guard rename(temporary, path) == 0 else { throw WardenError.invalidRequest("\(path): cannot replace the key ring") }
    }

    /// The newest key-encryption key's version: the one that wraps new data keys.
    public var newestVersion: Int { keyEncryptionKeys.keys.max() ?? 0 }

    /// The ring with a fresh key-encryption key one version above the newest.
    public func rotated() -> KeyRing {
        var ring = self
        ring.keyEncryptionKeys[newestVersion + 1] = SymmetricKey(size: .bits256)
        return ring
    }

    /// The key of suppression entries' hashes (``SuppressionIdentifiers``), derived from the
    /// signing key, which is never rotated: a suppression made years ago must still match.
    /// Outside the database, so a copy of it cannot test guesses of who was erased.
    var identifierKey: SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: signingKey.rawRepresentation),
                               info: Array("warden/suppression/1".utf8), outputByteCount: 32)
    }

    /// The key behind every export's marks (``ExportMarks``): outside the database, so a copy of
    /// it cannot tell which rows of a file are decoys or what its format choices were.
    public var exportMarkingKey: SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: signingKey.rawRepresentation),
                               info: Array("warden/export-marks/1".utf8), outputByteCount: 32)
    }

    /// The key that signs one-click unsubscribe links (``UnsubscribeToken``): derived from the
    /// signing key, which is never rotated, so a link in an email years old still works.
    public var unsubscribeKey: SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: signingKey.rawRepresentation),
                               info: Array("warden/unsubscribe/1".utf8), outputByteCount: 32)
    }

    /// The keyed hash (HMAC-SHA-256) of one identifier, for suppression entries.
    public func identifierHash(_ identifier: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(identifier.utf8), using: identifierKey))
    }

    /// The ring without key-encryption key `version`: whatever it alone wrapped, in any copy of
    /// the database, can no longer be opened. Never the newest key.
    public func retiring(_ version: Int) throws -> KeyRing {
        guard holds(version: version) else { throw WardenError.notFound("the key ring holds no key-encryption key \(version)") }
        guard version != newestVersion else {
            throw WardenError.conflict("key-encryption key \(version) is the newest, which seals new values; rotate first")
        }
        var ring = self
        ring.keyEncryptionKeys[version] = nil
        return ring
    }

    /// Whether the ring can open values sealed under `version`.
    public func holds(version: Int) -> Bool { keyEncryptionKeys[version] != nil }

    private func encoded() throws -> Data {
        let file = File(
            keyEncryptionKeys: Dictionary(uniqueKeysWithValues: keyEncryptionKeys.map { version, key in
                (String(version), key.withUnsafeBytes { Data($0).base64EncodedString() })
            }),
            signingKey: signingKey.rawRepresentation.base64EncodedString())
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(file)
    }

    /// Reads the key ring at `path`, refusing one that group or others can read.
    public static func load(from path: String) throws -> KeyRing {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw WardenError.invalidRequest("\(path): no key ring here (run `warden init`, or pass --keyring)")
        }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw WardenError.forbidden("\(path): the key ring is readable by others (mode \(String(mode, radix: 8))); chmod 600 it")
        }
        guard let data = FileManager.default.contents(atPath: path),
              let file = try? JSONDecoder().decode(File.self, from: data), file.format == "warden-keyring-1",
              let signing = Data(base64Encoded: file.signingKey),
              let signingKey = try? Curve25519.Signing.PrivateKey(rawRepresentation: signing)
        else {
            throw WardenError.invalidRequest("\(path): not a Warden key ring")
        }
        var keys: [Int: SymmetricKey] = [:]
        for (version, material) in file.keyEncryptionKeys {
            guard let number = Int(version), let bytes = Data(base64Encoded: material), bytes.count == 32 else {
                throw WardenError.invalidRequest("\(path): key-encryption key \(version) is malformed")
            }
            keys[number] = SymmetricKey(data: bytes)
        }
        guard !keys.isEmpty else { throw WardenError.invalidRequest("\(path): the key ring holds no key-encryption key") }
        return KeyRing(keyEncryptionKeys: keys, signingKey: signingKey)
    }
}

extension KeyRing {
    /// Seals `plaintext` with the newest key-encryption key (AES-GCM), binding it to
    /// `context` (what the secret is and whose), and prefixes the key version so rotation
    /// can tell which key opens it.
    public func seal(_ plaintext: [UInt8], context: String) throws -> [UInt8] {
        guard let (version, key) = keyEncryptionKeys.max(by: { $0.key < $1.key }) else {
            throw WardenError.invalidRequest("the key ring holds no key-encryption key")
        }
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: Array(context.utf8))
        guard let combined = box.combined else { throw WardenError.invalidRequest("sealing failed") }
        return withUnsafeBytes(of: UInt32(version).bigEndian) { Array($0) } + Array(combined)
    }

    /// Opens what ``seal(_:context:)`` sealed for the same `context`.
    public func open(_ sealed: [UInt8], context: String) throws -> [UInt8] {
        guard sealed.count > 4 else { throw WardenError.invalidRequest("sealed value too short") }
        let version = SealedValue.keyVersion(of: sealed)
        guard let key = keyEncryptionKeys[version] else {
            throw WardenError.invalidRequest("sealed with key version \(version), which the key ring does not hold")
        }
        let box = try AES.GCM.SealedBox(combined: sealed[4...])
        return Array(try AES.GCM.open(box, using: key, authenticating: Array(context.utf8)))
    }
}
