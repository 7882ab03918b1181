public import WardenCore

extension RelationalStore {
    public func setPassword(_ account: AccountID, hash: String, forgetSecondFactor: Bool, audit: AuditEvent, alert: AlertDraft?) async throws {
        try await engine.write { sql in
            guard try sql.execute("UPDATE account SET password_hash = ? WHERE id = ?", hash, account.rawValue) == 1 else {
                throw StoreError.notFound("no such account")
            }
            if forgetSecondFactor {
                try sql.execute("UPDATE account SET totp_secret = NULL, totp_last_step = NULL WHERE id = ?", account.rawValue)
                try sql.execute("DELETE FROM recovery_code WHERE account_id = ?", account.rawValue)
            }
            // Whoever held the old password loses every session it opened.
            try sql.execute("UPDATE session SET ended_at = ? WHERE account_id = ? AND ended_at IS NULL", audit.at, account.rawValue)
            try AuditRows.insert(audit, sql)
            if let alert { try AlertRows.raise(alert, at: audit.at, dedupeWithin: nil, sql) }
        }
    }
}
