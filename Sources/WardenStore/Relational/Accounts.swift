public import WardenCore

extension RelationalStore {
    public func createAccount(_ account: NewAccount, audit: AuditEvent) async throws -> AccountID {
        try await engine.write { sql in
            if try sql.row("SELECT EXISTS (SELECT 1 FROM account WHERE username = ?)", account.username)?.bool(0) == true {
                throw StoreError.conflict("the username is taken")
            }
            let id = AccountID(try sql.insert("""
                INSERT INTO account (username, person_id, password_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id
                """, account.username, account.personID?.rawValue, account.passwordHash, audit.at))
            for grant in account.grants {
                _ = try GrantRows.insert(grant, account: id, grantedBy: account.grantedBy, at: audit.at, sql)
            }
            try AuditRows.insert(audit, sql)
            return id
        }
    }

    public func accountCount() async throws -> Int {
        try await engine.read { sql in try sql.count("SELECT COUNT(*) FROM account") }
    }

    public func accounts() async throws -> [AccountSummary] {
        try await engine.read { sql in
            try sql.rows("""
                SELECT id, username, person_id, created_at, totp_secret IS NOT NULL, disabled_at IS NOT NULL FROM account ORDER BY username
                """).map { row in
                AccountSummary(id: AccountID(try row.integer(0)), username: try row.text(1),
                               personID: try row.optionalInteger(2).map(PersonID.init(rawValue:)), createdAt: try row.timestamp(3),
                               secondFactorEnrolled: try row.bool(4), disabled: try row.bool(5))
            }
        }
    }

    public func accountID(username: String) async throws -> AccountID? {
        try await engine.read { sql in try sql.row("SELECT id FROM account WHERE username = ?", username).map { AccountID(try $0.integer(0)) } }
    }

    public func credentials(username: String) async throws -> AccountCredentials? {
        try await engine.read { sql in
            guard let row = try sql.row("""
                SELECT a.id, a.password_hash, a.totp_secret, a.person_id, m.status FROM account a
                LEFT JOIN member m ON m.person_id = a.person_id
                WHERE a.username = ? AND a.disabled_at IS NULL
                """, username) else { return nil }
            return AccountCredentials(
                id: AccountID(try row.integer(0)), passwordHash: try row.text(1), sealedTOTPSecret: try row.optionalBlob(2),
                personID: try row.optionalInteger(3).map(PersonID.init(rawValue:)),
                membership: try row.optionalText(4).flatMap(MembershipStatus.init(rawValue:)))
        }
    }

    public func activeGrants(_ account: AccountID, at instant: Timestamp) async throws -> [Grant] {
        try await engine.read { sql in try GrantRows.active(account, at: instant, sql) }
    }

    public func createSession(_ session: NewSession, audit: AuditEvent) async throws {
        try await engine.write { sql in
            try sql.execute("""
                INSERT INTO session (token_hash, account_id, created_at, last_seen_at, expires_at, csrf_token, second_factor, client)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, session.tokenHash, session.accountID.rawValue, session.createdAt, session.createdAt, session.expiresAt,
                session.csrfToken, session.secondFactor, session.client)
            try AuditRows.insert(audit, sql)
        }
    }

    /// Reads in a read transaction; the session's last-seen time is written only when it is
    /// more than ``SessionRows/lastSeenGranularity`` seconds old, so most requests cost no write at all.
    public func accessContext(tokenHash: [UInt8], seenAt instant: Timestamp) async throws -> AccessContext? {
        let context = try await engine.read { sql in try SessionRows.accessContext(tokenHash: tokenHash, at: instant, sql) }
        if let context, context.session.endedAt == nil,
           instant.secondsSince1970 - context.session.lastSeenAt.secondsSince1970 >= SessionRows.lastSeenGranularity {
            try await engine.write { sql in
                try sql.execute("UPDATE session SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL", instant, context.session.id)
            }
        }
        return context
    }

    public func endSession(tokenHash: [UInt8], at instant: Timestamp, audit: AuditEvent) async throws {
        try await engine.write { sql in
            try sql.execute("UPDATE session SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL", instant, tokenHash)
            try AuditRows.insert(audit, sql)
        }
    }

    public func refuseSession(tokenHash: [UInt8], audit: AuditEvent, alert: AlertDraft) async throws {
        try await engine.write { sql in
            try sql.execute("UPDATE session SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL", audit.at, tokenHash)
            try AuditRows.insert(audit, sql)
            try AlertRows.raise(alert, at: audit.at, dedupeWithin: 600, sql)
        }
    }
}

/// Sessions as rows: what a request's token stands for.
enum SessionRows {
    /// How stale a session's last-seen time may get before a request refreshes it; far below
    /// any idle timeout.
    static let lastSeenGranularity: Int64 = 30

    static func accessContext(tokenHash: [UInt8], at instant: Timestamp, _ sql: any SQLSession) throws -> AccessContext? {
        guard let row = try sql.row("""
            SELECT s.id, s.account_id, a.username, s.created_at, s.last_seen_at, s.expires_at, s.csrf_token, s.ended_at,
                   s.second_factor, a.person_id, m.status, a.access_generation
            FROM session s JOIN account a ON a.id = s.account_id
            LEFT JOIN member m ON m.person_id = a.person_id
            WHERE s.token_hash = ? AND a.disabled_at IS NULL
            """, tokenHash) else { return nil }
        let session = SessionRecord(
            id: try row.integer(0), accountID: AccountID(try row.integer(1)), username: try row.text(2), createdAt: try row.timestamp(3),
            lastSeenAt: try row.timestamp(4), expiresAt: try row.timestamp(5), csrfToken: try row.text(6), endedAt: try row.optionalTimestamp(7))
        return AccessContext(
            session: session, grants: try GrantRows.active(session.accountID, at: instant, sql),
            personID: try row.optionalInteger(9).map(PersonID.init(rawValue:)),
            membership: try row.optionalText(10).flatMap(MembershipStatus.init(rawValue:)), secondFactor: try row.bool(8),
            generation: try row.integer(11), nextGrantChange: try GrantRows.nextChange(session.accountID, after: instant, sql))
    }

    /// The account's access generation while `session` is live and the account enabled;
    /// `nil` otherwise.
    static func accessGeneration(session: Int64, _ sql: any SQLSession) throws -> Int64? {
        try sql.row("""
            SELECT a.access_generation FROM session s JOIN account a ON a.id = s.account_id
            WHERE s.id = ? AND s.ended_at IS NULL AND a.disabled_at IS NULL
            """, session)?.integer(0)
    }
}
