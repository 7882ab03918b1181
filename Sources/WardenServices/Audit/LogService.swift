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
        try witness(note)
        return checkpoint
    }

    /// The newest signed checkpoint note.
    public func latestNote() async throws -> String? {
        try await store.latestCheckpoint()?.note
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

    /// Appends the note to the witness directory's history and replaces `latest` atomically.
    func witness(_ note: String) throws {
        let directory = URL(fileURLWithPath: witnessDirectory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let history = directory.appendingPathComponent("checkpoints")
        if !FileManager.default.fileExists(atPath: history.path) {
            FileManager.default.createFile(atPath: history.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        // Opened for appending, so two processes signing at once (the server and a command)
        // each add their note whole rather than writing over the other's.
        let descriptor = open(history.path, O_WRONLY | O_APPEND)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: history.path]) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(note.utf8))
        try handle.synchronize()
        try Data(note.utf8).write(to: directory.appendingPathComponent("latest"), options: .atomic)
    }

    /// Splits the witness history back into notes: each ends with its last signature line
    /// (`— name signature`), and the next note's origin line follows directly.
    static func notes(inHistory text: String) -> [String] {
        var notes: [String] = []
        var current = ""
        var inSignatures = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let isSignature = line.hasPrefix("\u{2014} ")
            if inSignatures, !isSignature, !line.isEmpty {
                notes.append(current)
                current = ""
            }
            inSignatures = isSignature
            if !(line.isEmpty && current.isEmpty) { current += line + "\n" }
        }
        if current.contains("\u{2014} ") { notes.append(current.hasSuffix("\n\n") ? String(current.dropLast()) : current) }
        return notes
    }

    /// The checkpoints in the witness directory and the database, each with a good signature;
    /// a bad signature is itself a finding.
    func trustedCheckpoints() async throws -> (checkpoints: [TrustedCheckpoint], findings: [String]) {
        var notes: [(note: String, source: String)] = try await store.allCheckpoints().map { ($0.note, "the database") }
        let history = URL(fileURLWithPath: witnessDirectory).appendingPathComponent("checkpoints")
        if let text = try? String(contentsOf: history, encoding: .utf8) {
            notes += Self.notes(inHistory: text).map { ($0, "the witness directory") }
        }
        var checkpoints: [TrustedCheckpoint] = []
        var findings: [String] = []
        // The stored origin as it is, so that one altered into nonsense is a finding, not a failure to verify.
        let origin = try await store.setting(Self.originSetting) ?? LogOrigin.unnamed.rawValue
        if !LogOrigin.isValid(origin) {
            findings.append("the log's origin setting is not a valid origin (altered outside Warden)")
        }
        var otherLogs: [String: Int] = [:]
        for (note, source) in notes {
            // A checkpoint names its log in its first line: one of another log says nothing about this one.
            if let claimed = try? Checkpoint.parse(signedNote: note).checkpoint.origin, claimed != origin {
                otherLogs["\(source): the log `\(claimed.prefix(LogOrigin.maxLength))`", default: 0] += 1
                continue
            }
            do {
                let checkpoint = try Checkpoint.verify(signedNote: note, publicKey: keyRing.signingKey.publicKey, keyName: origin)
                checkpoints.append(TrustedCheckpoint(size: Int(checkpoint.size), rootHash: checkpoint.rootHash, source: source))
            } catch {
                findings.append("checkpoint in \(source): signature or format is not valid (forged or altered)")
            }
        }
        for (other, count) in otherLogs.sorted(by: { $0.key < $1.key }) {
            findings.append("\(count) checkpoint(s) in \(other), not this log `\(origin)` (from another log, or the origin was changed)")
        }
        if !notes.contains(where: { $0.source == "the witness directory" }) {
            findings.append("witness directory \(witnessDirectory): holds no checkpoints to check the log against")
        }
        return (checkpoints, findings)
    }

    /// Recomputes the tree, every version and every record; checks every checkpoint's
    /// signature and the tree against each. Records the check in the log.
    public func verify(actor: Actor) async throws -> VerificationReport {
        let (checkpoints, findings) = try await trustedCheckpoints()
        var report = try await store.verify(against: checkpoints)
        report.findings = findings + report.findings
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
