import GRDB
public import WardenCore

extension SQLiteStore {
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
