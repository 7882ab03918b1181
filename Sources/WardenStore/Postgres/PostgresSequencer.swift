import WardenCore

/// Numbers the log's new entries and folds them into the tree, on PostgreSQL.
///
/// Transactions commit side by side there, so an entry is stored without a leaf index and
/// the sequencer numbers the entries that have committed, in the order it finds them, gapless
/// from one past the largest; then it integrates them (``LogTree/integrate(_:)``). It runs
/// in one transaction holding an advisory lock: whichever server takes the lock is the
/// sequencer for that round, and if it dies the lock dies with its connection and the next
/// server's round takes over. A round that finds the lock held does nothing.
enum PostgresSequencer {
    /// The advisory lock's key: "Warden log sequencer".
    static let lock: Int64 = 7_210_002

    /// One round: the size and root after it, or `nil` when another server holds the lock
    /// (with `waiting`, it waits for that server's round to end and then takes its own).
    static func round(_ sql: any SQLSession, waiting: Bool = false) throws -> (size: UInt64, root: [UInt8])? {
        guard try number(sql, waiting: waiting) else { return nil }
        return try LogTree.integrate(SessionLog(sql: sql))
    }

    /// The first half of a round, numbering without integrating: for reading the log whole
    /// (an investigation, verification) without folding in entries an intruder may have
    /// left unreadable. `false` when another server holds the lock and `waiting` is not set.
    static func number(_ sql: any SQLSession, waiting: Bool) throws -> Bool {
        if waiting {
            try sql.execute("SELECT pg_advisory_xact_lock(?)", lock)
        } else if try sql.row("SELECT pg_try_advisory_xact_lock(?)", lock)?.bool(0) != true {
            return false
        }
        var next = try sql.row("SELECT COALESCE(MAX(leaf) + 1, 0) FROM audit_event")?.integer(0) ?? 0
        // One statement per chunk of waiting entries, numbered in the order of their rows.
        while true {
            let numbered = try sql.execute("""
                UPDATE audit_event SET leaf = waiting.leaf
                FROM (SELECT id, ? + row_number() OVER (ORDER BY id) - 1 AS leaf
                      FROM audit_event WHERE leaf IS NULL ORDER BY id LIMIT ?) AS waiting
                WHERE audit_event.id = waiting.id
                """, next, SessionLog.chunk)
            next += Int64(numbered)
            if numbered < SessionLog.chunk { break }
        }
        return true
    }
}

extension PostgresEngine {
    /// Verifies the log and the records against each other and `checkpoints`, in one snapshot,
    /// after the sequencer has numbered every entry committed so far. Nothing is integrated
    /// first: a tampered log is reported, not folded into the tree.
    func verify(against checkpoints: [TrustedCheckpoint]) async throws -> VerificationReport {
        try await write { sql in try self.numberLog(sql) }
        return try await read { sql in
            Verification.report([
                try LogVerification(SessionLog(sql: sql), checkpoints: checkpoints).run(),
                try RecordVerification(SessionRecords(sql: sql)).run(),
            ])
        }
    }
}
