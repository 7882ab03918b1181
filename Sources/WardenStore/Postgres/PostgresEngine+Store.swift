import PostgresNIO
import WardenCore

/// What PostgreSQL does its own way: imports read on the calling thread into one transaction
/// (their new rows sent with `COPY`, ``PostgresImportLedger``),
/// the log numbered by the sequencer before it is integrated, and verification in chunks.
extension PostgresEngine: StoreEngine {
    func importRegister(_ lines: some Sequence<ImportLine<RegisterEntry>>, options: ImportOptions, areas: AreaCache,
                        progress: (Int) -> Void) async throws -> ImportReport {
        try await runImport(lines, options: options, areas: areas, progressEvery: 10_000, progress: progress) { ledger in
            try RegisterImport(ledger: ledger, options: options)
        }
    }

    func importMembers(_ lines: some Sequence<ImportLine<MembershipRecord>>, options: ImportOptions, areas: AreaCache,
                       progress: (Int) -> Void) async throws -> ImportReport {
        try await runImport(lines, options: options, areas: areas, progressEvery: 1_000, progress: progress) { ledger in
            try MemberImport(ledger: ledger, options: options)
        }
    }

    /// Runs an import in one transaction, the lines read and applied on the calling thread
    /// (a file reader cannot cross threads), committing only what ``ImportOptions/commits(_:)``
    /// allows; a rejected or dry run is still recorded, on its own.
    private func runImport<Run: ImportRun>(
        _ lines: some Sequence<ImportLine<Run.Value>>, options: ImportOptions, areas: AreaCache, progressEvery: Int,
        progress: (Int) -> Void, start: (PostgresImportLedger) throws -> Run
    ) async throws -> ImportReport {
        let (report, rolledBack) = try await transactionHere { sql -> ((ImportReport, AuditEvent?), commit: Bool) in
            let versions = PostgresVersions(sql: sql, batching: versionBatching)
            var run = try start(PostgresImportLedger(sql, versions: versions))
            var (report, audit) = try run.consume(lines, file: options.file, progressEvery: progressEvery, progress: progress)
            guard options.commits(report) else { return ((report, audit), commit: false) }
            audit.versions = try Versioning.record(options.author(of: audit), in: SQLLedger(sql, areas: areas, versions: versions))
            try AuditRows.insert(audit, sql)
            return ((report, nil), commit: true)
        }
        if let rolledBack {
            try await write { sql in try AuditRows.insert(rolledBack, sql) }
        }
        return report
    }

    func append(_ event: AuditEvent) async throws {
        try await appends.append(event, on: self)
    }

    func standForSequencer() async throws -> Bool {
        try await election.stand()
    }

    func numberLog(_ sql: any SQLSession) throws {
        _ = try PostgresSequencer.number(sql, waiting: true)
    }

    /// Numbers and integrates the committed entries; waits for another server's round when
    /// one is running, then takes its own.
    func integrateLog() async throws -> (size: UInt64, root: [UInt8]) {
        try await write { sql in
            guard let log = try PostgresSequencer.round(sql, waiting: true) else { throw StoreError.conflict("the log's sequencer lock was not held") }
            return log
        }
    }

    func inclusionProof(index: UInt64, size: UInt64) async throws -> [[UInt8]] {
        try await read { sql in try LogTree.inclusionProof(index: index, size: size, SessionLog(sql: sql)) }
    }

    func consistencyProof(from: UInt64, to: UInt64) async throws -> [[UInt8]] {
        try await read { sql in try LogTree.consistencyProof(from: from, to: to, SessionLog(sql: sql)) }
    }
}
