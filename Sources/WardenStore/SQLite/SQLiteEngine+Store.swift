import GRDB
import WardenCore

/// What SQLite does its own way: imports through prepared bulk statements in one
/// transaction, and the log's tree and verification walked with GRDB cursors.
extension SQLiteEngine: StoreEngine {
    /// A write like any other: the group commit already shares the commit.
    func append(_ event: AuditEvent) async throws {
        try await write { sql in try AuditRows.insert(event, sql) }
    }

    func importRegister(_ lines: some Sequence<ImportLine<RegisterEntry>>, options: ImportOptions, areas: AreaCache,
                        progress: (Int) -> Void) async throws -> ImportReport {
        try runImport(lines, options: options, areas: areas, progressEvery: 10_000, progress: progress) { db in
            try RegisterImport(ledger: SQLiteImportLedger(db), options: options)
        }
    }

    func importMembers(_ lines: some Sequence<ImportLine<MembershipRecord>>, options: ImportOptions, areas: AreaCache,
                       progress: (Int) -> Void) async throws -> ImportReport {
        try runImport(lines, options: options, areas: areas, progressEvery: 1_000, progress: progress) { db in
            try MemberImport(ledger: SQLiteImportLedger(db), options: options)
        }
    }

    func numberLog(_ sql: any SQLSession) throws {}

    /// One server owns a SQLite file, so it is always the sequencer.
    func standForSequencer() async throws -> Bool { true }

    /// GRDB closes the file when the pool goes.
    func close() async {}

    /// Deleted rows are zeroed in place (`secure_delete`), but the write-ahead log still holds
    /// the pages as they were before: a truncating checkpoint copies the new pages into the
    /// file and empties the log. A reader in the middle of a transaction holds the log, so
    /// this tries for a while and says so if readers never let go.
    func scrubFreedSpace() async throws -> String? {
        for attempt in 0..<50 {
            let busy = try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") ?? 1 }
            if busy == 0 { return nil }
            try await Task.sleep(for: .milliseconds(attempt < 10 ? 20 : 200))
        }
        return "readers held the write-ahead log, which still holds the erased rows' old pages until its next checkpoint"
    }

    func integrateLog() async throws -> (size: UInt64, root: [UInt8]) {
        try await pool.write { db in try LogTree.integrate(SQLiteLog(db: db)) }
    }

    func inclusionProof(index: UInt64, size: UInt64) async throws -> [[UInt8]] {
        try await pool.read { db in try LogTree.inclusionProof(index: index, size: size, SQLiteLog(db: db)) }
    }

    func consistencyProof(from: UInt64, to: UInt64) async throws -> [[UInt8]] {
        try await pool.read { db in try LogTree.consistencyProof(from: from, to: to, SQLiteLog(db: db)) }
    }

    func verify(against checkpoints: [TrustedCheckpoint]) async throws -> VerificationReport {
        // The two parts on two connections at once, each in its own snapshot.
        async let log = pool.read { db in try LogVerification(SQLiteLog(db: db), checkpoints: checkpoints).run() }
        async let records = pool.read { db in try RecordVerification(SQLiteRecords(db: db)).run() }
        return Verification.report([try await log, try await records])
    }
}
