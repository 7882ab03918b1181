import Foundation
import GRDB
import WardenCore

/// Rotation's view of the database: every value sealed directly under a key-encryption key
/// (the first four bytes of a second-factor secret name its version; person keys keep theirs
/// in a column).
extension SQLiteStore {
    public func keyEncryptedValues(olderThan version: Int, limit: Int) async throws -> [KeyEncryptedValue] {
        try await pool.read { db in
            let keys = try Row.fetchAll(db, sql: "SELECT id, person_id, kek_version, wrapped FROM person_key WHERE kek_version < ? LIMIT ?",
                                        arguments: [version, limit]).map { row in
                KeyEncryptedValue(kind: .personKey, id: row["id"], owner: row["person_id"], kekVersion: row["kek_version"], sealed: Array(row["wrapped"] as Data))
            }
            let secrets = try Row.fetchAll(db, sql: "SELECT id, totp_secret FROM account WHERE totp_secret IS NOT NULL").compactMap { row in
                let sealed = Array(row["totp_secret"] as Data)
                let kek = SealedValue.keyVersion(of: sealed)
                return kek < version ? KeyEncryptedValue(kind: .secondFactor, id: row["id"], owner: row["id"], kekVersion: kek, sealed: sealed) : nil
            }
            return Array((keys + secrets).prefix(limit))
        }
    }

    public func replaceKeyEncryptedValues(_ values: [(old: KeyEncryptedValue, new: KeyEncryptedValue)]) async throws -> Int {
        try await pool.write { db in
            var replaced = 0
            for (old, new) in values {
                switch new.kind {
                case .personKey:
                    try db.execute(sql: "UPDATE person_key SET kek_version = ?, wrapped = ? WHERE id = ? AND kek_version = ?",
                                   arguments: [new.kekVersion, Data(new.sealed), new.id, old.kekVersion])
                case .secondFactor:
                    try db.execute(sql: "UPDATE account SET totp_secret = ? WHERE id = ? AND totp_secret = ?",
                                   arguments: [Data(new.sealed), new.id, Data(old.sealed)])
                }
                replaced += db.changesCount
            }
            return replaced
        }
    }

    public func keyEncryptionUsage() async throws -> [Int: Int] {
        try await pool.read { db in
            var usage: [Int: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT kek_version, COUNT(*) AS n FROM person_key GROUP BY kek_version") {
                usage[row["kek_version"], default: 0] += row["n"] as Int
            }
            for secret in try Data.fetchAll(db, sql: "SELECT totp_secret FROM account WHERE totp_secret IS NOT NULL") {
                usage[SealedValue.keyVersion(of: Array(secret)), default: 0] += 1
            }
            return usage
        }
    }
}
