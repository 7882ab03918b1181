public import WardenCore

/// Erasures as the DPO handles them: requests waiting for a second person, refusals, and the
/// tombstones of those carried out. Carrying one out removes personal data, so it is the
/// Gate's (``PersonalDataStore/erase(_:decidedBy:at:missing:identifierHash:audit:standing:)``).
public protocol ErasureStore: Sendable {
    /// Records a request to erase one person, with `audit`. Throws not found for no such
    /// person, and conflict when they are already erased or a request for them is waiting.
    func requestErasure(_ draft: Erasure, audit: AuditEvent) async throws -> Erasure
    func erasure(_ id: ErasureID) async throws -> Erasure?
    /// The newest erasures first, those waiting for approval before all others.
    func erasures(limit: Int) async throws -> [Erasure]
    /// Refuses a waiting request, with `audit`; conflict when it is no longer waiting.
    func refuseErasure(_ id: ErasureID, by: String, at: Timestamp, refusal: String, audit: AuditEvent) async throws
    /// Every erasure carried out, with its people: what the ledger beside the key ring must hold.
    func doneErasures() async throws -> [Erasure]
    /// Overwrites what an erasure's deleted rows left in the engine's files, where the engine
    /// allows it while serving; returns what still holds their bytes, if anything does.
    func scrubFreedSpace() async throws -> String?
    /// Whether any of `hashes` (keyed hashes of ``SuppressionIdentifiers``) is suppressed.
    func isSuppressed(_ hashes: [[UInt8]]) async throws -> Bool
}
