import GRDB
public import WardenCore

extension SQLiteStore {
    /// After a contact change by `account` to a person placed in `placement`, in the change's
    /// transaction: the writer's burst, and every watched period over one of the person's areas.
    static func watchContactChanges(
        of placement: Set<AreaID>, by account: AccountID?, actor: String, at instant: Timestamp, limits: WatchLimits,
        areas all: [AreaID: Area], _ db: Database
    ) throws {
        if let account { try burst(by: account, actor: actor, at: instant, limits: limits, db) }
        for period in try watchedPeriods(at: instant, db) where placement.contains(period.areaID) {
            try targeted(period, areas: all, at: instant, limits: limits, db)
        }
    }

    /// One account's burst of contact changes in the last ten minutes.
    static func burst(by account: AccountID, actor: String, at instant: Timestamp, limits: WatchLimits, _ db: Database) throws {
        // Counting stops past the limit, so the cost stays bounded however busy the account.
        let recent = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COUNT(*) FROM (SELECT 1 FROM audit_event
            WHERE account_id = ? AND action = 'write' AND outcome = 'allowed' AND at > ? AND detail LIKE 'contact details%' LIMIT ?)
            """), arguments: [account.rawValue, instant.adding(seconds: -ActivityWatch.contactChangeWindow).description,
                              limits.contactChanges + 1]) ?? 0
        guard ActivityWatch.isChangingTooMany(contactChangesInWindow: recent, limits: limits) else { return }
        try raise(AlertDraft(kind: .contactChanges, accountID: account, actor: actor,
                             detail: "more than \(limits.contactChanges) people's contact details changed in 10 minutes"),
                  at: instant, dedupeWithin: ActivityWatch.quietPeriod, db)
    }

    /// Members of a watched area whose contact details someone else changed since the period began.
    static func targeted(_ period: WatchedPeriod, areas all: [AreaID: Area], at instant: Timestamp, limits: WatchLimits,
                         _ db: Database) throws {
        let changed = try Int.fetchOne(db, sql: """
            SELECT COUNT(DISTINCT p.id) FROM audit_event ae
            JOIN audit_person ap ON ap.event_id = ae.id
            JOIN person p ON p.id = ap.person_id
            JOIN member m ON m.person_id = p.id
            LEFT JOIN household h ON h.id = p.household_id
            LEFT JOIN elector e ON e.person_id = p.id AND e.current = 1
            WHERE ae.action = 'write' AND ae.outcome = 'allowed' AND ae.detail LIKE 'contact details%' AND ae.at >= ?
              AND NOT EXISTS (SELECT 1 FROM account a WHERE a.id = ae.account_id AND a.person_id = p.id)
              AND \(placement(in: [period.areaID], all: all))
            """, arguments: [period.startsAt.description]) ?? 0
        guard ActivityWatch.isTargetingWatchedArea(membersChanged: changed, limits: limits) else { return }
        let name = all[period.areaID]?.name ?? "area \(period.areaID)"
        try raise(AlertDraft(kind: .contactChanges, accountID: nil, actor: "watched area \(name)",
                             detail: "\(changed) members of \(name) have had contact details changed by others during the watched period (\(period.reason))"),
                  at: instant, dedupeWithin: ActivityWatch.quietPeriod, db)
    }

    public func addWatchedPeriod(area: AreaID, from: Timestamp, to: Timestamp, reason: String, createdBy: String,
                                 audit: AuditEvent) async throws -> WatchedPeriod {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO watched_period (area_id, starts_at, ends_at, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [area.rawValue, from.description, to.description, reason, createdBy, audit.at.description])
            let id = db.lastInsertedRowID  // before the audit entry's insert replaces it
            try Self.insert(audit, db)
            return WatchedPeriod(id: id, areaID: area, startsAt: from, endsAt: to, reason: reason, createdBy: createdBy)
        }
    }

    public func watchedPeriods(at instant: Timestamp) async throws -> [WatchedPeriod] {
        try await pool.read { db in try Self.watchedPeriods(at: instant, db) }
    }

    static func watchedPeriods(at instant: Timestamp, _ db: Database) throws -> [WatchedPeriod] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, area_id, starts_at, ends_at, reason, created_by FROM watched_period WHERE starts_at <= ?1 AND ends_at > ?1 ORDER BY id
            """), arguments: [instant.description]).map { row in
            WatchedPeriod(id: row[0], areaID: AreaID(rawValue: row[1]), startsAt: Timestamp(iso8601: row[2]) ?? instant,
                          endsAt: Timestamp(iso8601: row[3]) ?? instant, reason: row[4], createdBy: row[5])
        }
    }
}
