public import WardenCore

/// Settings, and the sealed values rewrapped when the key-encryption key rotates
/// (ciphertext only: nothing here opens them).
public protocol KeyStore: Sendable {
    func setting(_ key: String) async throws -> String?
    func setSetting(_ key: String, value: String) async throws
    /// Values sealed under key-encryption keys older than `version`, a batch at a time.
    func keyEncryptedValues(olderThan version: Int, limit: Int) async throws -> [KeyEncryptedValue]
    /// Replaces rewrapped values (each only if still under the version it was read with).
    func replaceKeyEncryptedValues(_ values: [(old: KeyEncryptedValue, new: KeyEncryptedValue)]) async throws -> Int
    /// How many values each key-encryption key version protects.
    func keyEncryptionUsage() async throws -> [Int: Int]
}
