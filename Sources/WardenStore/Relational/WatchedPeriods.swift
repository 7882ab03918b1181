public import WardenCore

extension RelationalStore {
    public func addWatchedPeriod(area: AreaID, from: Timestamp, to: Timestamp, reason: String, createdBy: String,
                                 audit: AuditEvent) async throws -> WatchedPeriod {
        try await engine.write { sql in
            let id = try sql.insert("""
                INSERT INTO watched_period (area_id, starts_at, ends_at, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id
                """, area.rawValue, from, to, reason, createdBy, audit.at)
            try AuditRows.insert(audit, sql)
            return WatchedPeriod(id: id, areaID: area, startsAt: from, endsAt: to, reason: reason, createdBy: createdBy)
        }
    }

    public func watchedPeriods(at instant: Timestamp) async throws -> [WatchedPeriod] {
        try await engine.read { sql in try WatchedPeriodRows.current(at: instant, sql) }
    }
}

/// Watched periods as rows.
enum WatchedPeriodRows {
    /// The periods in force at `instant`.
    static func current(at instant: Timestamp, _ sql: any SQLSession) throws -> [WatchedPeriod] {
        try sql.rows("""
            SELECT id, area_id, starts_at, ends_at, reason, created_by FROM watched_period WHERE starts_at <= ?1 AND ends_at > ?1 ORDER BY id
            """, instant).map { row in
            WatchedPeriod(id: try row.integer(0), areaID: AreaID(rawValue: try row.integer(1)), startsAt: try row.timestamp(2),
                          endsAt: try row.timestamp(3), reason: try row.text(4), createdBy: try row.text(5))
        }
    }
}
