import Foundation
import GRDB
public import WardenCore

extension SQLiteStore {
    public func createGrant(_ request: GrantRequest, account: AccountID, grantedBy: String, audit: AuditEvent, alert: AlertDraft?) async throws -> Grant {
        try await pool.write { db in
            let id = try Self.insertGrant(request, account: account, grantedBy: grantedBy, at: audit.at, db)
            try Self.insert(audit, db)
            if let alert { try Self.raise(alert, at: audit.at, dedupeWithin: nil, db) }
            guard let grant = try Self.grant(id, db) else { throw StoreError.notFound("grant \(id)") }
            return grant
        }
    }

    public func grant(_ id: Int64) async throws -> Grant? {
        try await pool.read { db in try Self.grant(id, db) }
    }

    static func grant(_ id: Int64, _ db: Database) throws -> Grant? {
        try Row.fetchOne(db, sql: "SELECT \(grantColumns) FROM access_grant g WHERE g.id = ?", arguments: [id]).flatMap(grant(from:))
    }

    public func currentGrants(at instant: Timestamp) async throws -> [GrantListing] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.grantColumns), a.username FROM access_grant g JOIN account a ON a.id = g.account_id
                WHERE g.revoked_at IS NULL AND g.expires_at > ? AND a.disabled_at IS NULL ORDER BY a.username, g.id
                """, arguments: [instant.description]).compactMap { row in
                Self.grant(from: row).map { GrantListing(grant: $0, username: row["username"]) }
            }
        }
    }

    public func approveGrant(_ id: Int64, by: String, at instant: Timestamp, audit: AuditEvent) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE access_grant SET approved_by = ?, approved_at = ?
                WHERE id = ? AND needs_approval = 1 AND approved_by IS NULL AND revoked_at IS NULL
                """, arguments: [by, instant.description, id])
            guard db.changesCount == 1 else { throw StoreError.conflict("grant \(id) is not waiting for approval") }
            try Self.insert(audit, db)
        }
    }

    public func revokeGrant(_ id: Int64, by: String, at instant: Timestamp, audit: AuditEvent, alert: AlertDraft?) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE access_grant SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [instant.description, by, id])
            guard db.changesCount == 1 else { throw StoreError.notFound("no grant \(id) in force") }
            try Self.insert(audit, db)
            if let alert { try Self.raise(alert, at: audit.at, dedupeWithin: nil, db) }
        }
    }

    public func revokeAccess(_ account: AccountID, by: String, at instant: Timestamp, audit: AuditEvent, alert: AlertDraft?) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE access_grant SET revoked_at = ?, revoked_by = ? WHERE account_id = ? AND revoked_at IS NULL",
                           arguments: [instant.description, by, account.rawValue])
            try db.execute(sql: "UPDATE session SET ended_at = ? WHERE account_id = ? AND ended_at IS NULL",
                           arguments: [instant.description, account.rawValue])
            try Self.insert(audit, db)
            if let alert { try Self.raise(alert, at: audit.at, dedupeWithin: nil, db) }
        }
    }

    public func setSecondFactor(_ account: AccountID, sealedSecret: [UInt8], recoveryCodeHashes: [[UInt8]], audit: AuditEvent) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE account SET totp_secret = ?, totp_last_step = NULL WHERE id = ?",
                           arguments: [Data(sealedSecret), account.rawValue])
            try db.execute(sql: "DELETE FROM recovery_code WHERE account_id = ?", arguments: [account.rawValue])
            for hash in recoveryCodeHashes {
                try db.execute(sql: "INSERT INTO recovery_code (account_id, code_hash) VALUES (?, ?)", arguments: [account.rawValue, Data(hash)])
            }
            try Self.insert(audit, db)
        }
    }

    public func useTOTPStep(_ account: AccountID, step: Int64) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE account SET totp_last_step = ?
                WHERE id = ? AND totp_secret IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < ?)
                """, arguments: [step, account.rawValue, step])
            return db.changesCount == 1
        }
    }

    public func useRecoveryCode(_ account: AccountID, hash: [UInt8], at instant: Timestamp) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE recovery_code SET used_at = ? WHERE account_id = ? AND code_hash = ? AND used_at IS NULL",
                           arguments: [instant.description, account.rawValue, Data(hash)])
            return db.changesCount == 1
        }
    }

    public func recordSignInFailure(
        username: String, client: String, at instant: Timestamp, audit: AuditEvent, alert: @escaping @Sendable (SignInThrottle.Counts) -> AlertDraft?
    ) async throws -> SignInThrottle.Counts {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO sign_in_failure (at, username, client) VALUES (?, ?, ?)",
                           arguments: [instant.description, username, client])
            try Self.insert(audit, db)
            let counts = try Self.failures(username: username, client: client, since: instant.adding(seconds: -SignInThrottle.window), db)
            if let draft = alert(counts) { try Self.raise(draft, at: instant, dedupeWithin: SignInThrottle.window, db) }
            return counts
        }
    }

    public func signInFailures(username: String, client: String, since: Timestamp) async throws -> SignInThrottle.Counts {
        try await pool.read { db in try Self.failures(username: username, client: client, since: since, db) }
    }

    static func failures(username: String, client: String, since: Timestamp, _ db: Database) throws -> SignInThrottle.Counts {
        func count(_ sql: String, _ arguments: StatementArguments) throws -> Int {
            try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM sign_in_failure WHERE \(sql) AND at > ?"),
                             arguments: arguments + [since.description]) ?? 0
        }
        return SignInThrottle.Counts(
            pair: try count("username = ? AND client = ?", [username, client]),
            client: try count("client = ?", [client]),
            username: try count("username = ?", [username]))
    }

    public func setting(_ key: String) async throws -> String? {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }

    public func setSetting(_ key: String, value: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
    }
}
