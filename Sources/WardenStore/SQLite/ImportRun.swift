import GRDB
import WardenCore

/// One import of one file inside one transaction: a line at a time, then a report.
protocol ImportRun {
    associatedtype Value: Sendable
    var report: ImportReport { get }
    mutating func apply(_ line: ImportLine<Value>) throws
    mutating func finish() throws -> ImportReport
}

extension SQLiteStore {
    /// Runs an import in one transaction on the calling thread (the lines stream from a file
    /// reader that cannot cross threads), and commits only if no line had a problem and this
    /// is not a dry run.
    func runImport<Run: ImportRun>(
        _ lines: some Sequence<ImportLine<Run.Value>>, options: ImportOptions, progressEvery: Int,
        progress: (Int) -> Void, start: (Database) throws -> Run
    ) throws -> ImportReport {
        try transaction { db in
            var run = try start(db)
            for line in lines {
                try run.apply(line)
                if run.report.rows % progressEvery == 0 { progress(run.report.rows) }
            }
            let report = try run.finish()
            progress(report.rows)
            return (report, commit: report.problems.isEmpty && !options.dryRun)
        }
    }
}
