import WardenCore

/// Rotation's view of the database: every value sealed directly under a key-encryption key
/// (the first four bytes of a second-factor secret name its version; person keys keep theirs
/// in a column).
extension RelationalStore {
    public func keyEncryptedValues(olderThan version: Int, limit: Int) async throws -> [KeyEncryptedValue] {
        try await engine.read { sql in
            let keys = try sql.rows("SELECT id, person_id, kek_version, wrapped FROM person_key WHERE kek_version < ? LIMIT ?", version, limit)
                .map { row in
                    KeyEncryptedValue(kind: .personKey, id: try row.integer(0), owner: try row.integer(1), kekVersion: try row.int(2),
                                      sealed: try row.blob(3))
                }
            let secrets = try sql.rows("SELECT id, totp_secret FROM account WHERE totp_secret IS NOT NULL").compactMap { row in
                let sealed = try row.blob(1)
                let kek = SealedValue.keyVersion(of: sealed)
                return kek < version
                    ? KeyEncryptedValue(kind: .secondFactor, id: try row.integer(0), owner: try row.integer(0), kekVersion: kek, sealed: sealed)
                    : nil
            }
            return Array((keys + secrets).prefix(limit))
        }
    }

    public func replaceKeyEncryptedValues(_ values: [(old: KeyEncryptedValue, new: KeyEncryptedValue)]) async throws -> Int {
        try await engine.write { sql in
            var replaced = 0
            for (old, new) in values {
                switch new.kind {
                case .personKey:
                    replaced += try sql.execute("UPDATE person_key SET kek_version = ?, wrapped = ? WHERE id = ? AND kek_version = ?",
                                                new.kekVersion, new.sealed, new.id, old.kekVersion)
                case .secondFactor:
                    replaced += try sql.execute("UPDATE account SET totp_secret = ? WHERE id = ? AND totp_secret = ?", new.sealed, new.id, old.sealed)
                }
            }
            return replaced
        }
    }

    public func keyEncryptionUsage() async throws -> [Int: Int] {
        try await engine.read { sql in
            var usage: [Int: Int] = [:]
            for row in try sql.rows("SELECT kek_version, COUNT(*) FROM person_key GROUP BY kek_version") {
                usage[try row.int(0), default: 0] += try row.int(1)
            }
            for row in try sql.rows("SELECT totp_secret FROM account WHERE totp_secret IS NOT NULL") {
                usage[SealedValue.keyVersion(of: try row.blob(0)), default: 0] += 1
            }
            return usage
        }
    }
}
