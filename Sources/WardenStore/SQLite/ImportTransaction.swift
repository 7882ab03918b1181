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
            // Past ImportLimits.problemLines problems the file is rejected anyway: stop reading,
            // so that the list of problems (and memory) stays bounded whatever the file's size.
            var unread: Int?
            for line in lines {
                if run.report.problems.count >= ImportLimits.problemLines {
                    unread = line.line
                    break
                }
                try run.apply(line)
                if run.report.rows % progressEvery == 0 { progress(run.report.rows) }
            }
            var (report, audit) = try run.finish()
            if let unread {
                report.problems.append(ImportProblem(file: options.file, line: unread, field: "file",
                    problem: "\(report.problems.count) problems; the rest of the file was not read"))
            }
            progress(report.rows)
            let commit = report.problems.isEmpty && !options.dryRun
            guard commit else {
                rolledBack = audit
                return (report, commit: false)
            }
            audit.versions = try Versioning.record(
                VersionAuthor(at: audit.at, accountID: audit.accountID, actor: audit.actor, grantID: nil,
                              reason: "import of \(options.file)"), in: SQLLedger(db, areas: areas))
            try AuditRows.insert(audit, SQLiteSession(db: db))
            return (report, commit: true)
        }
        if let rolledBack {
            try pool.write { db in try AuditRows.insert(rolledBack, SQLiteSession(db: db)) }
        }
        return report
    }
}
