public import AgeEncryption
import Crypto
import Foundation
public import WardenCore
import TransparencyLog
import WardenGate
import WardenStore

/// What `warden restore` did, and what the party lost.
public struct RestoreReport: Sendable {
    public var backup: String
    public var manifest: BackupManifest
    /// Where the database was restored (a drill's is gone by the time it reports).
    public var database: String
    /// The restore as the log records it: where the history was cut and what was lost.
    public var restore: LogRestore
    /// Lost entries by kind of change (``AuditAction`` raw values), from the witness links.
    public var lostKinds: [String: Int]
    /// Erasures carried out again from the ledger, so that people erased stay erased.
    public var reapplied: [ErasureID: Int]
    public var verification: VerificationReport
    /// Things the restore could not check, said rather than hidden.
    public var notes: [String]
    public var decryptSeconds: Double
    public var verifySeconds: Double
    public var totalSeconds: Double
}

extension WardenConfiguration {
    /// Restores `backup` into `target` (a new SQLite file, sharing this configuration's key
    /// ring and so its erasure ledger) and proves what it holds:
    ///
    /// 1. decrypts it (an altered or truncated file fails authentication) and checks the
    ///    database against its manifest's SHA-256 and schema;
    /// 2. checks the backup's checkpoint is signed with the log's key, and that the history in
    ///    this configuration's witness directory extends it: the consistency proofs it kept
    ///    lead from the backup's checkpoint to the newest witnessed one. A backup whose history
    ///    is not a prefix of the witnessed one (rolled back, forked or forged) is refused;
    /// 3. goes on from the backup's last entry with an entry that records the restore and the
    ///    witnessed entries lost, starts the target's witness directory with the old history
    ///    kept whole beside the new, and re-applies the erasure ledger;
    /// 4. signs a checkpoint and runs `verify`, which must be clean.
    ///
    /// Anything refused leaves nothing behind at `target`.
    public func restore(_ backup: String, identities: [X25519Identity], into target: WardenConfiguration, actor: Actor) async throws -> RestoreReport {
        guard case .localOperator = actor.kind else { throw WardenError.forbidden("restoring a backup is the operator's, on the server") }
        guard try await target.isVacant() else { throw WardenError.conflict("\(target.shownDatabase): already holds a Warden; restore into a new place") }
        guard !FileManager.default.fileExists(atPath: target.witnessDirectory) else {
            throw WardenError.conflict("\(target.witnessDirectory): already exists; a restored database starts a witness directory of its own")
        }
        let keyRing = try KeyRing.load(from: keyRingPath)
        let clock = ContinuousClock()
        let started = clock.now
        // A PostgreSQL dump is decrypted into a private scratch place, then loaded.
        let scratch = target.isPostgres ? try ScratchDirectory(near: keyRingPath) : nil
        defer { scratch?.remove() }
        var succeeded = false
        var loaded = false
        defer {
            if !succeeded {
                if !target.isPostgres { for suffix in ["", "-wal", "-shm"] { unlink(target.databasePath + suffix) } }
                try? FileManager.default.removeItem(atPath: target.witnessDirectory)
            }
        }
        let file = scratch?.path("restored.pgdump") ?? target.databasePath
        let manifest = try BackupArchive.read(backup, identities: identities, into: file)
        let decrypted = clock.now
        let name = URL(fileURLWithPath: backup).lastPathComponent
        let engine = target.isPostgres ? "postgresql" : "sqlite"
        guard manifest.engine == engine else {
            throw WardenError.invalidRequest("\(name): holds a \(manifest.engine) database; restore it into \(manifest.engine == "sqlite" ? "a new SQLite file" : "an empty PostgreSQL database")")
        }
        guard StoreSchema.versions(for: engine).contains(manifest.schemaVersion) else {
            throw WardenError.invalidRequest("\(name): made by a later Warden (\(manifest.wardenVersion), schema \"\(manifest.schemaVersion)\"); restore it with that version")
        }
        let source = WitnessDirectory(path: witnessDirectory)
        let lineage = try BackupLineage(manifest: manifest, name: name, witnesses: source, key: keyRing.signingKey.publicKey)
        if target.isPostgres {
            // One transaction: a load that fails leaves the database empty, as it was.
            try PostgresTools.restore(file, into: try PostgresLocation(url: target.databasePath))
            loaded = true
        }
        do {
            let report = try await adopt(backup, manifest, lineage: lineage, source: source, into: target, actor: actor, times: (started, decrypted))
            succeeded = true
            return report
        } catch where loaded {
            throw WardenError.conflict("\(error) (the backup was loaded into \(target.shownDatabase) before this was found: drop that database)")
        }
    }

    /// Opens the restored database, makes it Warden's, and closes it before returning, never
    /// after: a restore that reports done has let go of the database, so the operator (or a
    /// drill removing its scratch place) finds it free.
    private func adopt(_ backup: String, _ manifest: BackupManifest, lineage: BackupLineage, source: WitnessDirectory, into target: WardenConfiguration,
                       actor: Actor, times: (started: ContinuousClock.Instant, decrypted: ContinuousClock.Instant)) async throws -> RestoreReport {
        let warden = try await Warden.open(target)
        do {
            let report = try await adopt(warden, backup, manifest, lineage: lineage, source: source, into: target, actor: actor, times: times)
            await warden.close()
            return report
        } catch {
            await warden.close()
            throw error
        }
    }

    /// The restored database made Warden's: the restore recorded, the erasure ledger re-applied,
    /// a checkpoint signed, and verify run.
    private func adopt(_ warden: Warden, _ backup: String, _ manifest: BackupManifest, lineage: BackupLineage, source: WitnessDirectory, into target: WardenConfiguration,
                       actor: Actor, times: (started: ContinuousClock.Instant, decrypted: ContinuousClock.Instant)) async throws -> RestoreReport {
        let clock = ContinuousClock()
        let name = URL(fileURLWithPath: backup).lastPathComponent
        let started = times.started, decrypted = times.decrypted
        try await warden.log.integrate()
        try await lineage.checkAhead(warden.log)
        let (restore, lostKinds) = try await warden.backups.record(lineage, name: name, actor: actor)
        let witnesses = WitnessDirectory(path: target.witnessDirectory)
        if lineage.witnessed != nil { try witnesses.start(afterRestoreAt: restore.entry, from: source) }
        let reconciliation = try await warden.erasures.reconcile(actor: actor)
        try await warden.log.checkpoint()
        let verifying = clock.now
        let verification = try await warden.log.verify(actor: actor)
        guard verification.isIntact else {
            throw WardenError.conflict("\(name): the restored database does not verify: \(verification.findings.first ?? "")")
        }
        return RestoreReport(
            backup: backup, manifest: manifest, database: target.databasePath, restore: restore, lostKinds: lostKinds,
            reapplied: reconciliation.reapplied, verification: verification, notes: lineage.notes,
            decryptSeconds: (decrypted - started) / .seconds(1), verifySeconds: (clock.now - verifying) / .seconds(1),
            totalSeconds: (clock.now - started) / .seconds(1))
    }

    /// The whole restore into a private scratch place beside the database, which is then
    /// removed: proof that the backup restores, and how long a restore takes.
    public func restoreDrill(_ backup: String, identities: [X25519Identity], actor: Actor) async throws -> RestoreReport {
        let scratch = try ScratchDirectory(near: isPostgres ? keyRingPath : databasePath)
        defer { scratch.remove() }
        var target = WardenConfiguration(databasePath: scratch.path("drill.sqlite"), keyRingPath: keyRingPath,
                                         witnessDirectory: scratch.path("drill.witness"))
        target.passwordHasher = passwordHasher
        return try await restore(backup, identities: identities, into: target, actor: actor)
    }
}
