import Foundation
import GRDB
public import WardenCore

extension SQLiteStore {
    public func createAccount(_ account: NewAccount, audit: AuditEvent) async throws -> AccountID {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account WHERE username = ?)", arguments: [account.username]) == true {
                throw WardenError.conflict("the username is taken")
            }
            let now = Timestamp.now
            try db.execute(sql: "INSERT INTO account (username, person_id, password_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [account.username, account.personID?.rawValue, account.passwordHash, now.description])
            let id = db.lastInsertedRowID
            for grant in account.grants {
                try db.execute(sql: """
                    INSERT INTO access_grant (account_id, role, scope_area_id, purpose, granted_by, reason, starts_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [
                        id, grant.role.rawValue, grant.scopeAreaID?.rawValue, grant.purpose.rawValue, account.grantedBy,
                        grant.reason, now.description, now.adding(days: grant.days).description,
                    ])
            }
            try Self.insert(audit, db)
            return AccountID(id)
        }
    }

    public func accountCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account") ?? 0 }
    }

    public func credentials(username: String) async throws -> (AccountID, passwordHash: String)? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, password_hash FROM account WHERE username = ? AND disabled_at IS NULL",
                                             arguments: [username]) else { return nil }
            return (AccountID(row["id"] as Int64), row["password_hash"])
        }
    }

    public func activeGrants(_ account: AccountID, at instant: Timestamp) async throws -> [Grant] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, role, scope_area_id, purpose, granted_by, reason, starts_at, expires_at, revoked_at
                FROM access_grant WHERE account_id = ? AND revoked_at IS NULL AND starts_at <= ? AND expires_at > ?
                ORDER BY id
                """, arguments: [account.rawValue, instant.description, instant.description]).compactMap { row in
                guard let role = Role(rawValue: row["role"]), let purpose = Purpose(rawValue: row["purpose"]),
                      let starts = Timestamp(iso8601: row["starts_at"]), let expires = Timestamp(iso8601: row["expires_at"])
                else { return nil }
                return Grant(
                    id: row["id"], accountID: account, role: role, scopeAreaID: (row["scope_area_id"] as Int64?).map(AreaID.init(rawValue:)),
                    purpose: purpose, grantedBy: row["granted_by"], reason: row["reason"], startsAt: starts, expiresAt: expires)
            }
        }
    }

    public func createSession(_ session: NewSession, audit: AuditEvent) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO session (token_hash, account_id, created_at, last_seen_at, expires_at, csrf_token)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [
                    Data(session.tokenHash), session.accountID.rawValue, session.createdAt.description,
                    session.createdAt.description, session.expiresAt.description, session.csrfToken,
                ])
            try Self.insert(audit, db)
        }
    }

    public func session(tokenHash: [UInt8], seenAt instant: Timestamp) async throws -> SessionRecord? {
        try await pool.write { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT s.id, s.account_id, a.username, s.created_at, s.last_seen_at, s.expires_at, s.csrf_token, s.ended_at
                FROM session s JOIN account a ON a.id = s.account_id
                WHERE s.token_hash = ? AND a.disabled_at IS NULL
                """), arguments: [Data(tokenHash)]) else { return nil }
            let record = SessionRecord(
                id: row["id"], accountID: AccountID(row["account_id"] as Int64), username: row["username"],
                createdAt: Timestamp(iso8601: row["created_at"]) ?? instant,
                lastSeenAt: Timestamp(iso8601: row["last_seen_at"]) ?? Timestamp(secondsSince1970: 0),
                expiresAt: Timestamp(iso8601: row["expires_at"]) ?? Timestamp(secondsSince1970: 0),
                csrfToken: row["csrf_token"], endedAt: (row["ended_at"] as String?).flatMap(Timestamp.init(iso8601:)))
            try db.cachedStatement(sql: "UPDATE session SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL")
                .execute(arguments: [instant.description, record.id])
            return record
        }
    }

    public func endSession(tokenHash: [UInt8], at instant: Timestamp, audit: AuditEvent) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE session SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL",
                           arguments: [instant.description, Data(tokenHash)])
            try Self.insert(audit, db)
        }
    }
}
