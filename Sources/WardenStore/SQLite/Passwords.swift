import Foundation
import GRDB
public import WardenCore

extension SQLiteStore {
    public func setPassword(_ account: AccountID, hash: String, forgetSecondFactor: Bool, audit: AuditEvent, alert: AlertDraft?) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE id = ?", arguments: [hash, account.rawValue])
            guard db.changesCount == 1 else { throw StoreError.notFound("no such account") }
            if forgetSecondFactor {
                try db.execute(sql: "UPDATE account SET totp_secret = NULL, totp_last_step = NULL WHERE id = ?", arguments: [account.rawValue])
                try db.execute(sql: "DELETE FROM recovery_code WHERE account_id = ?", arguments: [account.rawValue])
            }
            // Whoever held the old password loses every session it opened.
            try db.execute(sql: "UPDATE session SET ended_at = ? WHERE account_id = ? AND ended_at IS NULL",
                           arguments: [audit.at.description, account.rawValue])
            try Self.insert(audit, db)
            if let alert { try Self.raise(alert, at: audit.at, dedupeWithin: nil, db) }
        }
    }
}
