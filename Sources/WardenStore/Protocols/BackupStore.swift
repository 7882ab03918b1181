public import WardenCore

/// What backups and restores need of the database: a consistent copy taken while it serves,
/// the kinds of log entries in a stretch of the log, and the restores it has been through.
public protocol BackupStore: Sendable {
    /// Writes a consistent snapshot of the whole database to `path` (an empty file the caller
    /// made private) while writers go on, and describes it from the copy itself.
    func snapshot(into path: String) async throws -> SnapshotFacts
    /// Checks a snapshot before it becomes a backup: SQLite's is opened and verified whole;
    /// PostgreSQL's dump has its table of contents read. Says which keys its values need.
    func checkSnapshot(at path: String) async throws -> SnapshotCheck
    /// Appends `audit` (the restore's entry, the first after the backup's) and records `restore`
    /// beside it, in one transaction; returns the restore with its entry's leaf.
    func recordRestore(_ restore: LogRestore, audit: AuditEvent) async throws -> LogRestore
}

/// A snapshot as it describes itself.
public struct SnapshotFacts: Sendable, Hashable {
    public var engine: String
    public var schemaVersion: String
    public var logSize: UInt64
    public var checkpoint: StoredCheckpoint?
}

/// What checking a snapshot found.
public struct SnapshotCheck: Sendable {
    /// The verification, when the engine's snapshot can be verified where it lies (SQLite).
    public var report: VerificationReport?
    /// Values sealed under each key-encryption key version; `nil` until the store fills it in
    /// from the live database (a dump cannot be read without loading it).
    public var keyUsage: [Int: Int]?
    /// What the check did, in words for the backup's record.
    public var summary: String
}
