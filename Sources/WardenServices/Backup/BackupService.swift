public import AgeEncryption
import Foundation
public import WardenCore
import TransparencyLog
import WardenGate
import WardenStore

/// Backups that a ransomware attack on the server cannot read or quietly replace: a
/// consistent snapshot taken while the server runs, encrypted to the party's backup key
/// (``BackupArchive``), written under a name never used before and never overwritten, and
/// checked by opening it again and verifying what comes out.
///
/// The key ring is never in a database backup (`warden keys backup` exports it apart, to
/// another key), and the backup key's private half need not be on the server at all: the
/// check then verifies the snapshot before encryption and the file's hash after it.
public struct BackupService: Sendable {
    let gate: Gate
    let store: any BackupStore & LogStore & AlertStore & KeyStore
    let log: LogService
    /// Where scratch copies go: beside the database file, or beside the key ring on PostgreSQL.
    let scratchNear: String

    /// The setting that holds the last good backup (``BackupStatus``), for the dashboard,
    /// `/metrics` and the overdue alert.
    static let statusSetting = "backup_last_good"

    /// One backup taken: where, what it holds, how long each part took, and its check.
    public struct Taken: Sendable {
        public var file: String
        public var manifest: BackupManifest
        /// The encrypted file's size.
        public var bytes: Int64
        public var snapshotSeconds: Double
        public var encryptSeconds: Double
        public var checkSeconds: Double
        /// What the check did: the snapshot verified, and whether the file was decrypted again.
        public var check: String
    }

    /// Takes a backup into `directory` (made 0700 if missing), encrypted to `recipients`, and
    /// checks it: decrypting it again with `identities` when given. Only the operator takes
    /// backups: the command line or the server's own schedule.
    public func take(to directory: String, recipients: [X25519Recipient], identities: [X25519Identity] = [], actor: Actor) async throws -> Taken {
        guard case .localOperator = actor.kind else { throw WardenError.forbidden("backups are taken on the server, by its operator or its schedule") }
        guard !recipients.isEmpty else { throw WardenError.invalidRequest("--recipient: at least one age1… key to encrypt to") }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // A fresh checkpoint, witnessed outside the database, for the snapshot to carry.
        try await log.checkpoint()
        let scratch = try ScratchDirectory(near: scratchNear)
        defer { scratch.remove() }
        let clock = ContinuousClock()
        let started = clock.now
        let snapshot = try scratch.emptyFile("snapshot")
        let created = Timestamp.now
        let facts = try await store.snapshot(into: snapshot)
        let snapshotted = clock.now
        // The snapshot is checked before it is encrypted: nothing found wrong becomes a backup.
        let snapshotCheck = try await store.checkSnapshot(at: snapshot)
        if let report = snapshotCheck.report, !report.isIntact {
            throw WardenError.conflict("the snapshot does not verify (\(report.findings.count) finding(s): \(report.findings.first ?? "")); no backup written")
        }
        let checked = clock.now
        var manifest = BackupManifest(
            created: created, wardenVersion: WardenRelease.version, engine: facts.engine, schemaVersion: facts.schemaVersion,
            logSize: facts.logSize, checkpoint: facts.checkpoint.map(BackupManifest.Checkpoint.init), sha256: "", bytes: 0,
            recipients: recipients.map(\.description))
        manifest.keyVersions = (snapshotCheck.keyUsage ?? [:]).keys.sorted()
        let (file, written) = try BackupFiles.create(in: directory, at: created) { output in
            try BackupArchive.write(database: snapshot, manifest: manifest, recipients: recipients, to: output)
        }
        manifest = written
        try PrivateFile.create(BackupFiles.manifestPath(of: file), bytes: Array(try JSONEncoder.sorted.encode(manifest)))
        let encrypted = clock.now
        var check = "checked: " + snapshotCheck.summary
        if !identities.isEmpty {
            // Restored into the scratch place: it decrypts, and its hash is the verified snapshot's.
            _ = try BackupArchive.read(file, identities: identities, into: scratch.path("restored.sqlite"))
            check += "; decrypted again and matched"
        } else {
            check += "; not decrypted again (no identity on this server)"
        }
        let bytes = Int64(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int ?? 0)
        let status = BackupStatus(file: file, at: created, bytes: bytes, logSize: manifest.logSize, check: check)
        try await store.setSetting(Self.statusSetting, value: String(decoding: try JSONEncoder.sorted.encode(status), as: UTF8.self))
        try await store.append(AuditEvent(
            actor: actor, action: .backup, purpose: .dataProtection,
            detail: "backup: \(URL(fileURLWithPath: file).lastPathComponent), \(manifest.logSize) entries, \(bytes) bytes; \(check)"))
        return Taken(file: file, manifest: manifest, bytes: bytes, snapshotSeconds: (snapshotted - started) / .seconds(1),
                     encryptSeconds: (encrypted - checked) / .seconds(1),
                     checkSeconds: ((checked - snapshotted) + (clock.now - encrypted)) / .seconds(1), check: check)
    }

    /// The last good backup, for the data protection officer.
    public func lastGood(actor: Actor) async throws -> BackupStatus? {
        try await gate.requireDataProtectionOfficer(actor, detail: "backups", "only the data protection officer sees backups")
        return try await lastGood()
    }

    /// The last good backup, if any was taken: for the schedule and `/metrics` (a time and a
    /// size, nobody's data).
    public func lastGood() async throws -> BackupStatus? {
        guard let text = try await store.setting(Self.statusSetting) else { return nil }
        return try? JSONDecoder().decode(BackupStatus.self, from: Data(text.utf8))
    }

    /// Raises a backup alert, once while one like it stands unacknowledged.
    public func alert(_ detail: String, actor: Actor) async throws {
        guard try await !store.alerts(all: false, limit: 100).contains(where: { $0.kind == .backup && $0.detail == detail }) else { return }
        try await store.raise(AlertDraft(kind: .backup, accountID: nil, actor: actor.label, detail: detail),
                              audit: AuditEvent(actor: actor, action: .backup, purpose: .dataProtection, outcome: .failed, detail: detail))
    }
}

/// The last good backup, as the dashboard and `/metrics` show it.
public struct BackupStatus: Sendable, Hashable, Codable {
    public var file: String
    public var at: Timestamp
    public var bytes: Int64
    public var logSize: UInt64
    public var check: String
}

extension BackupService {
    /// Appends the restore's entry to a restored database: the first after the backup's own
    /// (every one of them numbered first, as PostgreSQL's sequencer numbers them), saying what
    /// was witnessed and lost. Returns it with the lost kinds.
    func record(_ lineage: BackupLineage, name: String, actor: Actor) async throws -> (LogRestore, [String: Int]) {
        let entries = try await store.integrateLog().size
        let backupSize = lineage.checkpoint?.size ?? 0
        var restore = LogRestore(entry: entries, backup: name, backupCheckpoint: backupSize,
                                 witnessedSize: lineage.witnessed?.size ?? entries, witnessedRoot: lineage.witnessed?.rootHash ?? [],
                                 at: .now)
        let lostKinds = lineage.lostKinds(less: try await store.auditTally(from: backupSize, to: entries))
        let kinds = lostKinds.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        restore = try await store.recordRestore(restore, audit: AuditEvent(
            actor: actor, action: .restore, purpose: .dataProtection, detail: restore.detail + (kinds.isEmpty ? "" : " (\(kinds))")))
        _ = try await store.integrateLog()
        return (try await store.restores().last { $0.backup == name } ?? restore, lostKinds)
    }
}

extension BackupService {
    /// A backup file found in a directory, with its manifest when the copy beside it reads.
    public struct Listed: Sendable {
        public var file: String
        public var manifest: BackupManifest?
        public var bytes: Int64
    }

    /// The backups in `directory`, oldest first.
    public func list(_ directory: String) throws -> [Listed] {
        guard FileManager.default.fileExists(atPath: directory) else { throw WardenError.notFound("\(directory): no such directory") }
        return try BackupFiles.list(directory).map { file, manifest in
            Listed(file: file, manifest: manifest, bytes: Int64(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int ?? 0))
        }
    }

    /// Deletes the backups `rule` lets go at `now` (and `.partial` files a crash left over an
    /// hour ago), each with its manifest; returns the files deleted. The newest backup always
    /// stays. A step of its own, apart from taking backups.
    public func prune(_ directory: String, rule: BackupRetention, now: Timestamp = .now, actor: Actor) async throws -> [String] {
        guard case .localOperator = actor.kind else { throw WardenError.forbidden("backups are pruned on the server, by its operator or its schedule") }
        var created: [String: Timestamp] = [:]
        for listed in try list(directory) {
            // A file whose manifest is gone or unreadable is kept: its age is not known.
            if let manifest = listed.manifest { created[listed.file] = manifest.created }
        }
        let expired = rule.expired(created, now: now) + BackupFiles.abandoned(in: directory, olderThan: 3_600)
        for file in expired {
            unlink(file)
            unlink(BackupFiles.manifestPath(of: file))
        }
        if !expired.isEmpty {
            BackupFiles.syncDirectory(directory)
            try await store.append(AuditEvent(actor: actor, action: .backup, purpose: .dataProtection,
                                              detail: "backups pruned: \(expired.count) file(s) past the retention rule"))
        }
        return expired
    }
}
