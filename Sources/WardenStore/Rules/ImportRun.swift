import WardenCore

/// One import of one file inside one transaction: a line at a time, then a report.
protocol ImportRun {
    associatedtype Value: Sendable
    var report: ImportReport { get set }
    mutating func apply(_ line: ImportLine<Value>) throws
    /// Completes the import's own tables, marks the people it touched (see ``Versioning``)
    /// and describes it for the audit log.
    mutating func finish() throws -> (ImportReport, AuditEvent)
}

extension ImportRun {
    /// Counts `line` and hands back its value, or records its problems and hands back `nil`.
    mutating func take(_ line: ImportLine<Value>) -> Value? {
        report.rows += 1
        switch line.result {
        case .problems(let problems):
            report.problems += problems
            return nil
        case .value(let value):
            return value
        }
    }
}

extension ImportReport {
    /// The empty report of an import about to read its file.
    init(starting options: ImportOptions) {
        self.init(file: options.file, layout: options.layout)
        dryRun = options.dryRun
    }
}
