import GRDB
import WardenCore

extension SQLiteEngine {
    /// Runs an import in one transaction on the calling thread (the lines stream from a file
    /// reader that cannot cross threads), and commits only if no line had a problem and this
    /// is not a dry run. A committed import versions every person it changed and binds the
    /// versions into its audit entry; a rejected or dry run is still recorded, on its own.
    func runImport<Run: ImportRun>(
        _ lines: some Sequence<ImportLine<Run.Value>>, options: ImportOptions, areas: AreaCache, progressEvery: Int,
        progress: (Int) -> Void, start: (Database) throws -> Run
    ) throws -> ImportReport {
        var rolledBack: AuditEvent?
        // A register import enlarges the writer's page cache for the bulk write: give the
        // memory back however it ends, or a server that imported once would hold it for good.
        defer { try? pool.base.writeWithoutTransaction { db in try db.execute(sql: Self.writerCacheSize) } }
        let report = try transaction { db in
            var run = try start(db)
            var (report, audit) = try run.consume(lines, file: options.file, progressEvery: progressEvery, progress: progress)
            guard options.commits(report) else {
                rolledBack = audit
                return (report, commit: false)
            }
            audit.versions = try Versioning.record(options.author(of: audit), in: SQLLedger(db, areas: areas))
            try AuditRows.insert(audit, SQLiteSession(db: db))
            return (report, commit: true)
        }
        if let rolledBack {
            try pool.write { db in try AuditRows.insert(rolledBack, SQLiteSession(db: db)) }
        }
        return report
    }
}
