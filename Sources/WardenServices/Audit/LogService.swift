import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif
public import WardenCore
import TransparencyLog
import WardenGate
import WardenStore

/// The tamper-evident log as the outside world sees it: signed checkpoints, proofs, and
/// the check that the database still matches them.
///
/// Checkpoints (C2SP tlog-checkpoint, signed with the key ring's Ed25519 key) are kept in
/// the database, served publicly, and appended to `checkpoints` in the witness directory,
/// outside the database, where an attacker who rewrites the database cannot reach them
/// without also leaving a trace. They and the proofs carry only hashes, so anyone may
/// fetch them.
public struct LogService: Sendable {
    let store: any LogStore & KeyStore & AlertStore
    let keyRing: KeyRing
    let witnessDirectory: String

    /// The setting that holds the log's origin, chosen at `warden init`.
    static let originSetting = "log_origin"

    /// The log's name: the checkpoint origin and the note key name. A database that never
    /// chose one (made before origins were chosen at `init`) keeps ``LogOrigin/unnamed``.
    public func origin() async throws -> LogOrigin {
        guard let text = try await store.setting(Self.originSetting) else { return .unnamed }
        return try LogOrigin(text)
    }

    /// Names the log. Only before its first checkpoint: every checkpoint carries the name, and
    /// one signed under another name would no longer verify as this log's.
    public func setOrigin(_ origin: LogOrigin) async throws {
        guard try await store.latestCheckpoint() == nil else {
            throw WardenError.conflict("the log's origin cannot change once a checkpoint has been signed")
        }
        try await store.setSetting(Self.originSetting, value: origin.rawValue)
    }

    /// The public key, as a note verifier key (`name+id+base64`), for witnesses and members.
    public var verifierKey: String {
        get async throws { try NoteKey.verifierKey(name: try await origin().rawValue, publicKey: keyRing.signingKey.publicKey) }
    }

    /// Integrates new entries and, when the log has grown since the last checkpoint, signs a
    /// new one, stores it and hands it to the witness directory. Returns the newest checkpoint.
    @discardableResult
    public func checkpoint() async throws -> StoredCheckpoint? {
        let (size, root) = try await store.integrateLog()
        let latest = try await store.latestCheckpoint()
        guard size > 0, size > latest?.size ?? 0 else { return latest }
        let origin = try await origin().rawValue
        let note = try Checkpoint(origin: origin, size: size, rootHash: root).sign(with: keyRing.signingKey, keyName: origin)
        let checkpoint = StoredCheckpoint(size: size, rootHash: root, note: note, at: .now)
        try await store.saveCheckpoint(checkpoint)
        try await witness(note, size: size, root: root, origin: origin)
        return checkpoint
    }

    /// The newest signed checkpoint note.
    public func latestNote() async throws -> String? {
        try await latestCheckpoint()?.note
    }

    /// The newest signed checkpoint, without signing one.
    public func latestCheckpoint() async throws -> StoredCheckpoint? {
        try await store.latestCheckpoint()
    }

    public func inclusionProof(index: UInt64, size: UInt64) async throws -> [[UInt8]] {
        guard index < size else { throw WardenError.invalidRequest("index: must be less than the tree size") }
        return try await store.inclusionProof(index: index, size: size)
    }

    public func consistencyProof(from: UInt64, to: UInt64) async throws -> [[UInt8]] {
        guard from > 0, from <= to else { throw WardenError.invalidRequest("from: must be at least 1 and at most to") }
        return try await store.consistencyProof(from: from, to: to)
    }

    /// The bytes of entry `index`, for the DPO to hand to someone checking a proof: entries
    /// name accounts and people, so unlike proofs they are not public.
    public func entry(index: UInt64, actor: Actor) async throws -> [UInt8] {
        guard AccessPolicy.mayReviewAudit(actor) else { throw WardenError.forbidden("only the data protection officer reads log entries") }
        guard let entry = try await store.logEntry(index: index) else { throw WardenError.notFound("no entry \(index)") }
        return entry
    }

    var witnesses: WitnessDirectory { WitnessDirectory(path: witnessDirectory) }

    /// Hands `note` to the witness directory with its link to the newest checkpoint already
    /// there: the consistency proof (`proof`, when the caller has just checked it) and the
    /// kinds of entry in between, from this database.
    func witness(_ note: String, size: UInt64, root: [UInt8], origin: String, proof checked: [[UInt8]]? = nil) async throws {
        var link: WitnessDirectory.Link?
        if let previous = lastWitnessed(origin: origin), previous.size > 0, previous.size < size {
            let proof = if let checked { checked } else { try await store.consistencyProof(from: previous.size, to: size) }
            link = WitnessDirectory.Link(
                size: size, root: Hex.encode(root), previousSize: previous.size, previousRoot: Hex.encode(previous.rootHash),
                proof: proof.map(Hex.encode), tally: try await store.auditTally(from: previous.size, to: size))
        }
        try witnesses.append(note, link: link)
    }

    /// The newest checkpoint in the witness directory, if its signature holds.
    func lastWitnessed(origin: String) -> Checkpoint? {
        guard let note = witnesses.latestNote else { return nil }
        return try? Checkpoint.verify(signedNote: note, publicKey: keyRing.signingKey.publicKey, keyName: origin)
    }

    /// The checkpoints in the witness directory and the database, each with a good signature;
    /// a bad signature is itself a finding. History kept from before a restore is checked up
    /// to the restore's entry; past it, the checkpoints the restore says were lost are
    /// explained by it rather than found to disagree with the tree.
    func trustedCheckpoints() async throws -> (checkpoints: [TrustedCheckpoint], findings: [String], restores: [LogRestore]) {
        var checkpoints: [TrustedCheckpoint] = []
        var findings: [String] = []
        // The stored origin as it is, so that one altered into nonsense is a finding, not a failure to verify.
        let origin = try await store.setting(Self.originSetting) ?? LogOrigin.unnamed.rawValue
        if !LogOrigin.isValid(origin) {
            findings.append("the log's origin setting is not a valid origin (altered outside Warden)")
        }
        var otherLogs: [String: Int] = [:]
        func trusted(_ note: String, from source: String) -> Checkpoint? {
            // A checkpoint names its log in its first line: one of another log says nothing about this one.
            if let claimed = try? Checkpoint.parse(signedNote: note).checkpoint.origin, claimed != origin {
                otherLogs["\(source): the log `\(claimed.prefix(LogOrigin.maxLength))`", default: 0] += 1
                return nil
            }
            guard let checkpoint = try? Checkpoint.verify(signedNote: note, publicKey: keyRing.signingKey.publicKey, keyName: origin) else {
                findings.append("checkpoint in \(source): signature or format is not valid (forged or altered)")
                return nil
            }
            return checkpoint
        }
        func check(_ note: String, from source: String) {
            guard let checkpoint = trusted(note, from: source) else { return }
            checkpoints.append(TrustedCheckpoint(size: Int(checkpoint.size), rootHash: checkpoint.rootHash, source: source))
        }
        for stored in try await store.allCheckpoints() { check(stored.note, from: "the database") }
        let witnessed = witnesses.notes
        for note in witnessed ?? [] { check(note, from: "the witness directory") }
        let restores = try await store.restores()
        for (entry, lineage) in witnesses.lineages {
            let source = "the witness directory's history from before the restore at entry \(entry)"
            let notes = lineage.notes ?? []
            guard let restore = restores.first(where: { $0.entry == entry }) else {
                findings.append("\(source): the log records no restore at entry \(entry) (history set aside outside Warden)")
                for note in notes { check(note, from: source) }
                continue
            }
            var newest: Checkpoint?
            for note in notes {
                guard let checkpoint = trusted(note, from: source) else { continue }
                newest = checkpoint
                if checkpoint.size <= entry {
                    checkpoints.append(TrustedCheckpoint(size: Int(checkpoint.size), rootHash: checkpoint.rootHash, source: source))
                } else if checkpoint.size > restore.witnessedSize {
                    findings.append("\(source): a checkpoint of \(checkpoint.size) entries, past the \(restore.witnessedSize) the restore says were witnessed")
                }
            }
            if newest?.size != restore.witnessedSize || newest?.rootHash != restore.witnessedRoot {
                findings.append("\(source): does not end at the checkpoint of \(restore.witnessedSize) entries the restore recorded")
            }
        }
        for (other, count) in otherLogs.sorted(by: { $0.key < $1.key }) {
            findings.append("\(count) checkpoint(s) in \(other), not this log `\(origin)` (from another log, or the origin was changed)")
        }
        if witnessed?.isEmpty ?? true, witnesses.lineages.isEmpty {
            findings.append("witness directory \(witnessDirectory): holds no checkpoints to check the log against")
        }
        return (checkpoints, findings, restores)
    }

    /// Recomputes the tree, every version and every record; checks every checkpoint's
    /// signature and the tree against each. Records the check in the log.
    public func verify(actor: Actor) async throws -> VerificationReport {
        let (checkpoints, findings, restores) = try await trustedCheckpoints()
        var report = try await store.verify(against: checkpoints)
        report.findings = findings + report.findings
        report.restores = restores
        try await store.append(AuditEvent(actor: actor, action: .verify, purpose: .dataProtection,
                                          outcome: report.isIntact ? .allowed : .failed,
                                          detail: "verify: \(report.entries) entries, \(report.findings.count) findings"))
        if !report.isIntact {
            try await store.raise(
                AlertDraft(kind: .tampering, accountID: nil, actor: actor.label,
                           detail: "verify found \(report.findings.count) signs of tampering; run `warden verify` for the list"),
                audit: AuditEvent(actor: actor, action: .verify, purpose: .dataProtection, outcome: .failed, detail: "tampering alert"))
        }
        return report
    }
}
