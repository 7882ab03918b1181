public import WardenCore

/// The audit log: appending entries, its Merkle tree, checkpoints, proofs and verification.
public protocol LogStore: Sendable {
    /// Records an event on its own (refusals, sign-in failures).
    func append(_ event: AuditEvent) async throws
    /// The newest events, newest first.
    func recentAuditEvents(limit: Int) async throws -> [AuditEvent]
    /// Whether this server is the log's sequencer (see `StoreEngine.standForSequencer()`):
    /// asked each housekeeping turn, so a server takes over when the sequencer dies.
    func standForSequencer() async throws -> Bool
    /// Adds the tree nodes for entries appended since the last call; returns the size and root.
    func integrateLog() async throws -> (size: UInt64, root: [UInt8])
    func latestCheckpoint() async throws -> StoredCheckpoint?
    func allCheckpoints() async throws -> [StoredCheckpoint]
    func saveCheckpoint(_ checkpoint: StoredCheckpoint) async throws
    /// RFC 9162 inclusion proof of leaf `index` in the tree of `size` (at most the integrated size).
    func inclusionProof(index: UInt64, size: UInt64) async throws -> [[UInt8]]
    func consistencyProof(from: UInt64, to: UInt64) async throws -> [[UInt8]]
    /// How many log entries of each action lie at leaves `from..<to`: what a stretch of the
    /// log holds, for the witness's links and a restore's report of what was lost.
    func auditTally(from: UInt64, to: UInt64) async throws -> [String: Int]
    /// Every restore from a backup the log has been through (``LogRestore``), each only if its
    /// log entry is a restore's: what `verify` explains rather than calls tampering.
    func restores() async throws -> [LogRestore]
    /// The entry bytes of leaf `index`.
    func logEntry(index: UInt64) async throws -> [UInt8]?
    /// Recomputes the tree, versions and records against `checkpoints` (signatures already checked).
    func verify(against checkpoints: [TrustedCheckpoint]) async throws -> VerificationReport
}
