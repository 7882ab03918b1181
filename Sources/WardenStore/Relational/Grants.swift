public import WardenCore

extension RelationalStore {
    public func createGrant(_ request: GrantRequest, account: AccountID, grantedBy: String, audit: AuditEvent, alert: AlertDraft?) async throws -> Grant {
        try await engine.write { sql in
            let id = try GrantRows.insert(request, account: account, grantedBy: grantedBy, at: audit.at, sql)
            try AuditRows.insert(audit, sql)
            if let alert { try AlertRows.raise(alert, at: audit.at, dedupeWithin: nil, sql) }
            guard let grant = try GrantRows.grant(id, sql) else { throw StoreError.notFound("grant \(id)") }
            return grant
        }
    }

    public func grant(_ id: Int64) async throws -> Grant? {
        try await engine.read { sql in try GrantRows.grant(id, sql) }
    }

    public func currentGrants(at instant: Timestamp) async throws -> [GrantListing] {
        try await engine.read { sql in
            try sql.rows("""
                SELECT \(GrantRows.columns), a.username FROM access_grant g JOIN account a ON a.id = g.account_id
                WHERE g.revoked_at IS NULL AND g.expires_at > ? AND a.disabled_at IS NULL ORDER BY a.username, g.id
                """, instant).compactMap { row in
                try GrantRows.grant(from: row).map { GrantListing(grant: $0, username: try row.text(13)) }
            }
        }
    }

    public func approveGrant(_ id: Int64, by: String, at instant: Timestamp, audit: AuditEvent) async throws {
        try await engine.write { sql in
            guard try sql.execute("""
                UPDATE access_grant SET approved_by = ?, approved_at = ?
                WHERE id = ? AND needs_approval = 1 AND approved_by IS NULL AND revoked_at IS NULL
                """, by, instant, id) == 1 else { throw StoreError.conflict("grant \(id) is not waiting for approval") }
            try AuditRows.insert(audit, sql)
        }
    }

    public func revokeGrant(_ id: Int64, by: String, at instant: Timestamp, audit: AuditEvent, alert: AlertDraft?) async throws {
        try await engine.write { sql in
            guard try sql.execute("UPDATE access_grant SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL", instant, by, id) == 1
            else { throw StoreError.notFound("no grant \(id) in force") }
            try AuditRows.insert(audit, sql)
            if let alert { try AlertRows.raise(alert, at: audit.at, dedupeWithin: nil, sql) }
        }
    }

    public func revokeAccess(_ account: AccountID, by: String, at instant: Timestamp, audit: AuditEvent, alert: AlertDraft?) async throws {
        try await engine.write { sql in
            try sql.execute("UPDATE access_grant SET revoked_at = ?, revoked_by = ? WHERE account_id = ? AND revoked_at IS NULL",
                            instant, by, account.rawValue)
            try sql.execute("UPDATE session SET ended_at = ? WHERE account_id = ? AND ended_at IS NULL", instant, account.rawValue)
            try AuditRows.insert(audit, sql)
            if let alert { try AlertRows.raise(alert, at: audit.at, dedupeWithin: nil, sql) }
        }
    }

    public func setSecondFactor(_ account: AccountID, sealedSecret: [UInt8], recoveryCodeHashes: [[UInt8]], audit: AuditEvent, alert: AlertDraft?) async throws {
        try await engine.write { sql in
            try sql.execute("UPDATE account SET totp_secret = ?, totp_last_step = NULL WHERE id = ?", sealedSecret, account.rawValue)
            try sql.execute("DELETE FROM recovery_code WHERE account_id = ?", account.rawValue)
            for hash in recoveryCodeHashes {
                try sql.execute("INSERT INTO recovery_code (account_id, code_hash) VALUES (?, ?)", account.rawValue, hash)
            }
            try AuditRows.insert(audit, sql)
            if let alert { try AlertRows.raise(alert, at: audit.at, dedupeWithin: nil, sql) }
        }
    }

    public func useTOTPStep(_ account: AccountID, step: Int64) async throws -> Bool {
        try await engine.write { sql in
            try sql.execute("""
                UPDATE account SET totp_last_step = ?
                WHERE id = ? AND totp_secret IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < ?)
                """, step, account.rawValue, step) == 1
        }
    }

    public func useRecoveryCode(_ account: AccountID, hash: [UInt8], at instant: Timestamp) async throws -> Bool {
        try await engine.write { sql in
            try sql.execute("UPDATE recovery_code SET used_at = ? WHERE account_id = ? AND code_hash = ? AND used_at IS NULL",
                            instant, account.rawValue, hash) == 1
        }
    }

    public func recordSignInFailure(
        username: String, client: String, at instant: Timestamp, audit: AuditEvent, alert: @escaping @Sendable (SignInThrottle.Counts) -> AlertDraft?
    ) async throws -> SignInThrottle.Counts {
        try await engine.write { sql in
            try sql.execute("INSERT INTO sign_in_failure (at, username, client) VALUES (?, ?, ?)", instant, username, client)
            try AuditRows.insert(audit, sql)
            let counts = try Self.failures(username: username, client: client, since: instant.adding(seconds: -SignInThrottle.window), sql)
            if let draft = alert(counts) { try AlertRows.raise(draft, at: instant, dedupeWithin: SignInThrottle.window, sql) }
            return counts
        }
    }

    public func signInFailures(username: String, client: String, since: Timestamp) async throws -> SignInThrottle.Counts {
        try await engine.read { sql in try Self.failures(username: username, client: client, since: since, sql) }
    }

    static func failures(username: String, client: String, since: Timestamp, _ sql: any SQLSession) throws -> SignInThrottle.Counts {
        func count(_ condition: String, _ arguments: any SQLBindable...) throws -> Int {
            try sql.rows("SELECT COUNT(*) FROM sign_in_failure WHERE \(condition) AND at > ?", arguments.map(\.sqlValue) + [since.sqlValue])
                .first?.int(0) ?? 0
        }
        return SignInThrottle.Counts(
            pair: try count("username = ? AND client = ?", username, client),
            client: try count("client = ?", client),
            username: try count("username = ?", username))
    }

    public func setting(_ key: String) async throws -> String? {
        try await engine.read { sql in try sql.row("SELECT value FROM setting WHERE key = ?", key)?.text(0) }
    }

    public func setSetting(_ key: String, value: String) async throws {
        try await engine.write { sql in
            try sql.execute("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
        }
    }
}

/// Grants as rows.
enum GrantRows {
    /// The columns ``grant(from:)`` reads by position: keep the two in step.
    static let columns = """
        g.id, g.account_id, g.role, g.scope_area_id, g.scope_walk_list_id, g.purpose, g.granted_by, g.reason, g.starts_at, g.expires_at,
        g.revoked_at, g.needs_approval, g.approved_by
        """

    /// A grant from a row that starts with ``columns``; `nil` for a role or purpose this
    /// version does not know.
    static func grant(from row: SQLRow) throws -> Grant? {
        guard let role = Role(rawValue: try row.text(2)), let purpose = Purpose(rawValue: try row.text(5)) else { return nil }
        return Grant(
            id: try row.integer(0), accountID: AccountID(try row.integer(1)), role: role,
            scopeAreaID: try row.optionalInteger(3).map(AreaID.init(rawValue:)),
            scopeWalkListID: try row.optionalInteger(4).map(WalkListID.init(rawValue:)), purpose: purpose,
            grantedBy: try row.text(6), reason: try row.text(7), startsAt: try row.timestamp(8), expiresAt: try row.timestamp(9),
            revokedAt: try row.optionalTimestamp(10), needsApproval: try row.bool(11), approvedBy: try row.optionalText(12))
    }

    static func grant(_ id: Int64, _ sql: any SQLSession) throws -> Grant? {
        try sql.row("SELECT \(columns) FROM access_grant g WHERE g.id = ?", id).flatMap(grant(from:))
    }

    /// The account's grants in force at `instant`: started, not expired or revoked, approved
    /// when they need to be.
    static func active(_ account: AccountID, at instant: Timestamp, _ sql: any SQLSession) throws -> [Grant] {
        try sql.rows("""
            SELECT \(columns) FROM access_grant g
            WHERE g.account_id = ?1 AND g.revoked_at IS NULL AND g.starts_at <= ?2 AND g.expires_at > ?2
              AND (g.needs_approval = 0 OR g.approved_by IS NOT NULL)
            ORDER BY g.id
            """, account.rawValue, instant).compactMap(grant(from:))
    }

    /// The first moment after `instant` when one of the account's grants starts or expires.
    static func nextChange(_ account: AccountID, after instant: Timestamp, _ sql: any SQLSession) throws -> Timestamp? {
        try sql.row("""
            SELECT MIN(CASE WHEN starts_at > ?1 THEN starts_at ELSE expires_at END) FROM access_grant
            WHERE account_id = ?2 AND revoked_at IS NULL AND expires_at > ?1 AND (needs_approval = 0 OR approved_by IS NOT NULL)
            """, instant, account.rawValue)?.optionalTimestamp(0)
    }

    static func insert(_ request: GrantRequest, account: AccountID, grantedBy: String, at now: Timestamp, _ sql: any SQLSession) throws -> Int64 {
        try sql.insert("""
            INSERT INTO access_grant (account_id, role, scope_area_id, scope_walk_list_id, purpose, granted_by, reason, starts_at,
                                      expires_at, needs_approval, approved_by, approved_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """, account.rawValue, request.role.rawValue, request.scopeAreaID?.rawValue, request.scopeWalkListID?.rawValue,
            request.purpose.rawValue, grantedBy, request.reason, now, request.expiresAt ?? now.adding(days: request.days),
            request.needsApproval, request.bootstrapApprovedBy, request.bootstrapApprovedBy.map { _ in now })
    }
}
