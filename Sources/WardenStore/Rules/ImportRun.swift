import WardenCore

/// One import of one file inside one transaction: a line at a time, then a report.
protocol ImportRun {
    associatedtype Value: Sendable
    var report: ImportReport { get }
    mutating func apply(_ line: ImportLine<Value>) throws
    /// Completes the import's own tables, marks the people it touched (see ``Versioning``)
    /// and describes it for the audit log.
    mutating func finish() throws -> (ImportReport, AuditEvent)
}
