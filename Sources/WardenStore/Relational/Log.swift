public import WardenCore

extension RelationalStore {

    public func integrateLog() async throws -> (size: UInt64, root: [UInt8]) {
        try await engine.integrateLog()
    }

    public func standForSequencer() async throws -> Bool {
        try await engine.standForSequencer()
    }

    public func inclusionProof(index: UInt64, size: UInt64) async throws -> [[UInt8]] {
        try await engine.inclusionProof(index: index, size: size)
    }

    public func consistencyProof(from: UInt64, to: UInt64) async throws -> [[UInt8]] {
        try await engine.consistencyProof(from: from, to: to)
    }

    public func verify(against checkpoints: [TrustedCheckpoint]) async throws -> VerificationReport {
        try await engine.verify(against: checkpoints)
    }

    public func latestCheckpoint() async throws -> StoredCheckpoint? {
        try await engine.read { sql in
            try sql.row("SELECT size, root, note, at FROM log_checkpoint ORDER BY size DESC LIMIT 1").map(Self.checkpoint(from:))
        }
    }

    public func allCheckpoints() async throws -> [StoredCheckpoint] {
        try await engine.read { sql in
            try sql.rows("SELECT size, root, note, at FROM log_checkpoint ORDER BY size").map(Self.checkpoint(from:))
        }
    }

    private static func checkpoint(from row: SQLRow) throws -> StoredCheckpoint {
        StoredCheckpoint(size: UInt64(try row.integer(0)), rootHash: try row.blob(1), note: try row.text(2), at: try row.timestamp(3))
    }

    public func saveCheckpoint(_ checkpoint: StoredCheckpoint) async throws {
        try await engine.write { sql in
            try sql.execute("INSERT INTO log_checkpoint (size, root, note, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                            Int64(checkpoint.size), checkpoint.rootHash, checkpoint.note, checkpoint.at)
        }
    }



    public func logEntry(index: UInt64) async throws -> [UInt8]? {
        try await engine.read { sql in try sql.row("SELECT entry FROM audit_event WHERE leaf = ?", Int64(index))?.blob(0) }
    }

}
