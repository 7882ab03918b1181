public import WardenCore

extension RelationalStore {
    public func snapshot(into path: String) async throws -> SnapshotFacts {
        try await engine.snapshot(into: path)
    }

    public func checkSnapshot(at path: String) async throws -> SnapshotCheck {
        var check = try await engine.checkSnapshot(at: path)
        if check.keyUsage == nil { check.keyUsage = try await keyEncryptionUsage() }
        return check
    }

    public func auditTally(from: UInt64, to: UInt64) async throws -> [String: Int] {
        try await engine.read { sql in
            var tally: [String: Int] = [:]
            for row in try sql.rows("SELECT action, COUNT(*) FROM audit_event WHERE leaf >= ? AND leaf < ? GROUP BY action",
                                    Int64(from), Int64(to)) {
                tally[try row.text(0)] = Int(try row.integer(1))
            }
            return tally
        }
    }

    public func recordRestore(_ restore: LogRestore, audit: AuditEvent) async throws -> LogRestore {
        try await engine.write { sql in
            try AuditRows.insert(audit, sql)
            guard let row = try sql.row("SELECT id, leaf FROM audit_event ORDER BY id DESC LIMIT 1") else {
                throw StoreError.conflict("the restore's log entry was not written")
            }
            try sql.execute("""
                INSERT INTO log_restore (event_id, backup, backup_checkpoint, witnessed_size, witnessed_root, at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, try row.integer(0), restore.backup, Int64(restore.backupCheckpoint), Int64(restore.witnessedSize),
                SQLValue.blob(restore.witnessedRoot), restore.at)
            var recorded = restore
            recorded.entry = UInt64(try row.optionalInteger(1) ?? Int64(restore.entry))
            return recorded
        }
    }

    public func restores() async throws -> [LogRestore] {
        try await engine.read { sql in
            try sql.rows("""
                SELECT e.leaf, r.backup, r.backup_checkpoint, r.witnessed_size, r.witnessed_root, r.at
                FROM log_restore r JOIN audit_event e ON e.id = r.event_id
                WHERE e.action = 'restore' AND e.leaf IS NOT NULL ORDER BY e.leaf
                """).map { row in
                LogRestore(entry: UInt64(try row.integer(0)), backup: try row.text(1), backupCheckpoint: UInt64(try row.integer(2)),
                           witnessedSize: UInt64(try row.integer(3)), witnessedRoot: try row.blob(4), at: try row.timestamp(5))
            }
        }
    }
}
