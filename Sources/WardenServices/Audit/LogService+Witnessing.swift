import Crypto
import Foundation
public import WardenCore
import TransparencyLog
import WardenGate
import WardenStore

/// Several Warden servers on one PostgreSQL database: one of them, elected through the
/// database, is the log's sequencer; every other one is a witness of what it signs.
extension LogService {
    /// Whether this server is the log's sequencer: always on SQLite; on PostgreSQL the one
    /// server holding the election lock, taken over by another when its holder dies.
    public func standForSequencer() async throws -> Bool {
        try await store.standForSequencer()
    }

    /// One sequencer turn: numbers and integrates the entries committed since the last, so
    /// proofs reach them within a turn (checkpoints are signed less often, ``checkpoint()``).
    public func integrate() async throws {
        _ = try await store.integrateLog()
    }

    /// What a server that is not the sequencer does with the sequencer's checkpoints: it
    /// checks the newest one (the signature with the key ring's key, and an RFC 9162
    /// consistency proof that its tree extends the last one this server witnessed) and only
    /// then adds it to its own witness directory. The first is taken on its signature alone.
    /// A checkpoint that fails is not witnessed: it raises a tampering alert instead.
    ///
    /// So each server's witness directory holds the log's history as that server saw it, and
    /// a server that becomes the sequencer later already has it.
    @discardableResult
    public func witnessCheckpoints() async throws -> Bool {
        guard let newest = try await store.latestCheckpoint() else { return false }
        let origin = try await origin().rawValue
        let witnessed = lastWitnessed(origin: origin)
        guard newest.size > witnessed?.size ?? 0 else { return false }
        var accepted = (try? Checkpoint.verify(signedNote: newest.note, publicKey: keyRing.signingKey.publicKey, keyName: origin)) != nil
        var proof: [[UInt8]]?
        if accepted, let witnessed {
            let consistency = try await store.consistencyProof(from: witnessed.size, to: newest.size)
            proof = consistency
            accepted = MerkleTree.verifyConsistency(size1: witnessed.size, size2: newest.size, proof: consistency,
                                                    root1: witnessed.rootHash, root2: newest.rootHash)
        }
        guard accepted else {
            let detail = "checkpoint of \(newest.size) entries in the database does not extend the \(witnessed?.size ?? 0) this server witnessed, or is not signed with the log's key"
            let scheduler = Actor(kind: .localOperator("witness"), grants: [])
            // Raised once while it stands unacknowledged, not on every turn.
            guard try await !store.alerts(all: false, limit: 100).contains(where: { $0.kind == .tampering && $0.detail.hasPrefix(detail) }) else {
                return false
            }
            try await store.raise(
                AlertDraft(kind: .tampering, accountID: nil, actor: scheduler.label, detail: detail + "; run `warden verify`"),
                audit: AuditEvent(actor: scheduler, action: .verify, purpose: .dataProtection, outcome: .failed, detail: "witness: \(detail)"))
            return false
        }
        try await witness(newest.note, size: newest.size, root: newest.rootHash, origin: origin, proof: proof)
        return true
    }
}
