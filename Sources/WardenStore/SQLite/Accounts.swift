import Foundation
import GRDB
public import WardenCore

extension SQLiteStore {
    public func createAccount(_ account: NewAccount, audit: AuditEvent) async throws -> AccountID {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account WHERE username = ?)", arguments: [account.username]) == true {
                throw StoreError.conflict("the username is taken")
            }
            try db.execute(sql: "INSERT INTO account (username, person_id, password_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [account.username, account.personID?.rawValue, account.passwordHash, audit.at.description])
            let id = AccountID(db.lastInsertedRowID)
            for grant in account.grants {
                _ = try Self.insertGrant(grant, account: id, grantedBy: account.grantedBy, at: audit.at, db)
            }
            try Self.insert(audit, db)
            return id
        }
    }

    public func accountCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account") ?? 0 }
    }

    public func accounts() async throws -> [AccountSummary] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, username, person_id, created_at, totp_secret IS NOT NULL AS totp, disabled_at IS NOT NULL AS disabled FROM account ORDER BY username")
                .map { row in
                    AccountSummary(id: AccountID(row["id"] as Int64), username: row["username"],
                                   personID: (row["person_id"] as Int64?).map(PersonID.init(rawValue:)),
                                   createdAt: Timestamp(iso8601: row["created_at"]) ?? Timestamp(secondsSince1970: 0),
                                   secondFactorEnrolled: row["totp"], disabled: row["disabled"])
                }
        }
    }

    public func accountID(username: String) async throws -> AccountID? {
        try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE username = ?", arguments: [username]).map(AccountID.init(rawValue:))
        }
    }

    public func credentials(username: String) async throws -> AccountCredentials? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT a.id, a.password_hash, a.totp_secret, a.person_id, m.status FROM account a
                LEFT JOIN member m ON m.person_id = a.person_id
                WHERE a.username = ? AND a.disabled_at IS NULL
                """, arguments: [username]) else { return nil }
            return AccountCredentials(
                id: AccountID(row["id"] as Int64), passwordHash: row["password_hash"],
                sealedTOTPSecret: (row["totp_secret"] as Data?).map { Array($0) },
                personID: (row["person_id"] as Int64?).map(PersonID.init(rawValue:)),
                membership: (row["status"] as String?).flatMap(MembershipStatus.init(rawValue:)))
        }
    }

    public func activeGrants(_ account: AccountID, at instant: Timestamp) async throws -> [Grant] {
        try await pool.read { db in try Self.activeGrants(account, at: instant, db) }
    }

    /// The columns ``grant(from:)`` reads by position: keep the two in step.
    static let grantColumns = """
        g.id, g.account_id, g.role, g.scope_area_id, g.scope_walk_list_id, g.purpose, g.granted_by, g.reason, g.starts_at, g.expires_at,
        g.revoked_at, g.needs_approval, g.approved_by
        """

    static func activeGrants(_ account: AccountID, at instant: Timestamp, _ db: Database) throws -> [Grant] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT \(grantColumns) FROM access_grant g
            WHERE g.account_id = ? AND g.revoked_at IS NULL AND g.starts_at <= ? AND g.expires_at > ?
              AND (g.needs_approval = 0 OR g.approved_by IS NOT NULL)
            ORDER BY g.id
            """), arguments: [account.rawValue, instant.description, instant.description]).compactMap(grant(from:))
    }

    /// Builds a grant from a row that starts with ``grantColumns``. Columns are read by
    /// position: every request decodes the actor's grants, and by-name lookup compares names
    /// case-insensitively each time.
    static func grant(from row: Row) -> Grant? {
        guard let role = Role(rawValue: row[2]), let purpose = Purpose(rawValue: row[5]),
              let starts = Timestamp(iso8601: row[8]), let expires = Timestamp(iso8601: row[9])
        else { return nil }
        return Grant(
            id: row[0], accountID: AccountID(row[1] as Int64), role: role,
            scopeAreaID: (row[3] as Int64?).map(AreaID.init(rawValue:)),
            scopeWalkListID: (row[4] as Int64?).map(WalkListID.init(rawValue:)), purpose: purpose,
            grantedBy: row[6], reason: row[7], startsAt: starts, expiresAt: expires,
            revokedAt: (row[10] as String?).flatMap(Timestamp.init(iso8601:)),
            needsApproval: row[11], approvedBy: row[12])
    }

    static func insertGrant(_ request: GrantRequest, account: AccountID, grantedBy: String, at now: Timestamp, _ db: Database) throws -> Int64 {
        let needsApproval = request.needsApproval
        try db.execute(sql: """
            INSERT INTO access_grant (account_id, role, scope_area_id, scope_walk_list_id, purpose, granted_by, reason, starts_at,
                                      expires_at, needs_approval, approved_by, approved_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                account.rawValue, request.role.rawValue, request.scopeAreaID?.rawValue, request.scopeWalkListID?.rawValue,
                request.purpose.rawValue, grantedBy, request.reason, now.description,
                (request.expiresAt ?? now.adding(days: request.days)).description, needsApproval,
                request.bootstrapApprovedBy, request.bootstrapApprovedBy.map { _ in now.description },
            ])
        return db.lastInsertedRowID
    }

    public func createSession(_ session: NewSession, audit: AuditEvent) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO session (token_hash, account_id, created_at, last_seen_at, expires_at, csrf_token, second_factor, client)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    Data(session.tokenHash), session.accountID.rawValue, session.createdAt.description,
                    session.createdAt.description, session.expiresAt.description, session.csrfToken, session.secondFactor, session.client,
                ])
            try Self.insert(audit, db)
        }
    }

    /// Reads in a read transaction; the session's last-seen time is written only when it is
    /// more than ``lastSeenGranularity`` seconds old, so most requests cost no write at all.
    public func accessContext(tokenHash: [UInt8], seenAt instant: Timestamp) async throws -> AccessContext? {
        let context = try await pool.read { db in try Self.accessContext(tokenHash: tokenHash, at: instant, db) }
        if let context, context.session.endedAt == nil,
           instant.secondsSince1970 - context.session.lastSeenAt.secondsSince1970 >= Self.lastSeenGranularity {
            try await group.write { db in
                try db.cachedStatement(sql: "UPDATE session SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL")
                    .execute(arguments: [instant.description, context.session.id])
            }
        }
        return context
    }

    /// How stale a session's last-seen time may get before a request refreshes it; far below
    /// any idle timeout.
    static let lastSeenGranularity: Int64 = 30

    static func accessContext(tokenHash: [UInt8], at instant: Timestamp, _ db: Database) throws -> AccessContext? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT s.id, s.account_id, a.username, s.created_at, s.last_seen_at, s.expires_at, s.csrf_token, s.ended_at,
                   s.second_factor, a.person_id, m.status, a.access_generation
            FROM session s JOIN account a ON a.id = s.account_id
            LEFT JOIN member m ON m.person_id = a.person_id
            WHERE s.token_hash = ? AND a.disabled_at IS NULL
            """), arguments: [Data(tokenHash)]) else { return nil }
        let session = SessionRecord(
            id: row["id"], accountID: AccountID(row["account_id"] as Int64), username: row["username"],
            createdAt: Timestamp(iso8601: row["created_at"]) ?? instant,
            lastSeenAt: Timestamp(iso8601: row["last_seen_at"]) ?? Timestamp(secondsSince1970: 0),
            expiresAt: Timestamp(iso8601: row["expires_at"]) ?? Timestamp(secondsSince1970: 0),
            csrfToken: row["csrf_token"], endedAt: (row["ended_at"] as String?).flatMap(Timestamp.init(iso8601:)))
        return AccessContext(
            session: session, grants: try Self.activeGrants(session.accountID, at: instant, db),
            personID: (row["person_id"] as Int64?).map(PersonID.init(rawValue:)),
            membership: (row["status"] as String?).flatMap(MembershipStatus.init(rawValue:)), secondFactor: row["second_factor"],
            generation: row["access_generation"], nextGrantChange: try nextGrantChange(session.accountID, after: instant, db))
    }

    /// The first moment after `instant` when one of the account's grants starts or expires.
    static func nextGrantChange(_ account: AccountID, after instant: Timestamp, _ db: Database) throws -> Timestamp? {
        try String.fetchOne(db.cachedStatement(sql: """
            SELECT MIN(CASE WHEN starts_at > ?1 THEN starts_at ELSE expires_at END) FROM access_grant
            WHERE account_id = ?2 AND revoked_at IS NULL AND expires_at > ?1 AND (needs_approval = 0 OR approved_by IS NOT NULL)
            """), arguments: [instant.description, account.rawValue]).flatMap(Timestamp.init(iso8601:))
    }

    /// The account's access generation while `session` is live and the account enabled;
    /// `nil` otherwise.
    static func accessGeneration(session: Int64, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT a.access_generation FROM session s JOIN account a ON a.id = s.account_id
            WHERE s.id = ? AND s.ended_at IS NULL AND a.disabled_at IS NULL
            """), arguments: [session])
    }

    public func endSession(tokenHash: [UInt8], at instant: Timestamp, audit: AuditEvent) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE session SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL",
                           arguments: [instant.description, Data(tokenHash)])
            try Self.insert(audit, db)
        }
    }

    public func refuseSession(tokenHash: [UInt8], audit: AuditEvent, alert: AlertDraft) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE session SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL",
                           arguments: [audit.at.description, Data(tokenHash)])
            try Self.insert(audit, db)
            try Self.raise(alert, at: audit.at, dedupeWithin: 600, db)
        }
    }
}
