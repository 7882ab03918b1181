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

extension ImportRun {
    /// Applies every line of the file and finishes. Past ``ImportLimits/problemLines``
    /// problems the file is rejected anyway, so reading stops there: the list of problems (and
    /// memory) stays bounded whatever the file's size.
    mutating func consume(_ lines: some Sequence<ImportLine<Value>>, file: String, progressEvery: Int,
                          progress: (Int) -> Void) throws -> (ImportReport, AuditEvent) {
        var unread: Int?
        for line in lines {
            if report.problems.count >= ImportLimits.problemLines {
                unread = line.line
                break
            }
            try apply(line)
            if report.rows % progressEvery == 0 { progress(report.rows) }
        }
        var (report, audit) = try finish()
        if let unread {
            report.problems.append(ImportProblem(file: file, line: unread, field: "file",
                problem: "\(report.problems.count) problems; the rest of the file was not read"))
        }
        progress(report.rows)
        return (report, audit)
    }
}

extension ImportOptions {
    /// Whether an import that ended with `report` commits: no line had a problem and this is
    /// not a dry run.
    func commits(_ report: ImportReport) -> Bool {
        report.problems.isEmpty && !dryRun
    }

    /// Who made the versions an import commits, for ``Versioning``.
    func author(of audit: AuditEvent) -> VersionAuthor {
        VersionAuthor(at: audit.at, accountID: audit.accountID, actor: audit.actor, grantID: nil, reason: "import of \(file)")
    }
}

extension ImportReport {
    /// The empty report of an import about to read its file.
    init(starting options: ImportOptions) {
        self.init(file: options.file, layout: options.layout)
        dryRun = options.dryRun
    }
}
