import AgeEncryption
import ArgumentParser
import Foundation
import WardenCore
import WardenServices

/// The keys a backup is encrypted to: `--recipient age1…` (repeatable) and `--recipients-file`
/// (as `age -R` reads it), or `WARDEN_BACKUP_RECIPIENTS_FILE`.
struct RecipientOptions: ParsableArguments {
    @Option(name: .customLong("recipient"), help: ArgumentHelp("An age1… public key to encrypt to (repeatable; age-keygen makes one).", valueName: "age1…"))
    var recipients: [String] = []

    @Option(help: ArgumentHelp("A file of age1… public keys, one per line (env WARDEN_BACKUP_RECIPIENTS_FILE).", valueName: "path"))
    var recipientsFile: String?

    func resolved() throws -> [X25519Recipient] {
        var keys = try recipients.map { try AgeKeyFiles.recipient($0, option: "--recipient") }
        if let file = recipientsFile ?? ProcessInfo.processInfo.environment["WARDEN_BACKUP_RECIPIENTS_FILE"] {
            keys += try AgeKeyFiles.recipients(in: file)
        }
        guard !keys.isEmpty else { throw WardenError.invalidRequest("--recipient or --recipients-file: the backup key to encrypt to") }
        return keys
    }
}

/// The key a backup is opened with: `--identity FILE`, as `age-keygen` writes it.
struct IdentityOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A file holding the backup key's AGE-SECRET-KEY-1… identity (as age-keygen writes it).", valueName: "path"))
    var identity: String?

    func resolved(required: Bool) throws -> [X25519Identity] {
        guard let identity else {
            if required { throw WardenError.invalidRequest("--identity: the backup key's identity file, to decrypt with") }
            return []
        }
        return try AgeKeyFiles.identities(in: identity)
    }
}

extension WardenCommand {
    /// `warden backup [take] --to DIR`, `warden backup list|prune DIR`.
    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take an encrypted backup of the database, list backups, or prune them by the retention rule.",
            discussion: """
                A backup is an age file (age-encryption.org/v1) encrypted to the party's backup key: \
                `age -d -i backup-key.txt FILE | tar -x` opens it without Warden, giving warden.sqlite and \
                manifest.json. It is a consistent snapshot taken while the server runs, written under a new name, \
                never over another, 0600, with its manifest in the clear beside it. The key ring is never in it: \
                `warden keys backup` exports that apart, to another key. A running server takes backups by itself \
                (`warden serve --backup-dir`).
                """,
            subcommands: [Take.self, List.self, Prune.self], defaultSubcommand: Take.self)
    }
}

extension WardenCommand.Backup {
    struct Take: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a backup now, encrypt it, and check it.")
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("The backup directory (made 0700 if missing).", valueName: "dir")) var to: String
        @OptionGroup var recipients: RecipientOptions
        @OptionGroup var identity: IdentityOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let keys = try recipients.resolved()
                let identities = try identity.resolved(required: false)
                if !json { Terminal.say("taking a snapshot …") }
                let taken = try await warden.backups.take(to: to, recipients: keys, identities: identities, actor: .localOperator)
                if json { return try printJSON(taken.manifest) }
                Terminal.say("backup: \(taken.file) (\(taken.bytes) bytes, \(taken.manifest.logSize) log entries, "
                    + "checkpoint \(taken.manifest.checkpoint.map { String($0.size) } ?? "none"))")
                Terminal.say(String(format: "snapshot %.2f s, encryption %.2f s, check %.2f s", taken.snapshotSeconds, taken.encryptSeconds, taken.checkSeconds))
                Terminal.say(taken.check)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The backups in a directory, oldest first, from their manifests.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The backup directory.") var directory: String

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let listed = try warden.backups.list(directory)
                for backup in listed {
                    let name = URL(fileURLWithPath: backup.file).lastPathComponent
                    guard let manifest = backup.manifest else {
                        Terminal.say("\(name): \(backup.bytes) bytes, no readable manifest beside it")
                        continue
                    }
                    Terminal.say("\(name): \(manifest.created), \(backup.bytes) bytes, \(manifest.logSize) entries, schema \(manifest.schemaVersion)")
                }
                if listed.isEmpty { Terminal.say("no backups in \(directory)") }
            }
        }
    }

    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete backups past the retention rule (the newest always stays).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The backup directory.") var directory: String
        @Option(help: "Keep every backup for this many hours.") var keepHours = 48
        @Option(help: "Then keep the newest of each day for this many days.") var dailyDays = 35

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let rule = BackupRetention(keepAllSeconds: Int64(keepHours) * 3_600, dailyDays: dailyDays)
                let removed = try await warden.backups.prune(directory, rule: rule, actor: .localOperator)
                for file in removed { Terminal.say("deleted \(URL(fileURLWithPath: file).lastPathComponent)") }
                Terminal.say("\(removed.count) file(s) deleted")
            }
        }
    }
}

extension WardenCommand {
    /// `warden restore BACKUP --to NEW` and `warden restore BACKUP --drill`.
    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore a backup into a new database, proving what it holds; or rehearse it with --drill.",
            discussion: """
                Decrypts the backup (refusing one altered or truncated), checks its manifest, checks that the \
                history in the witness directory extends the backup's signed checkpoint (refusing one rolled \
                back, forked or forged), records the restore and the witnessed entries lost in the log, \
                re-applies the erasure ledger, signs a checkpoint and runs verify. --db, --keyring and --witness \
                name the database being replaced: its key ring and witness history; it is not opened.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The backup file (.age).") var backup: String
        @Option(help: ArgumentHelp("Where to restore: a new SQLite file (must not exist), or an empty PostgreSQL database's URL for a PostgreSQL backup.",
                                   valueName: "path or url")) var to: String?
        @Flag(help: "Restore into a temporary place, verify, report the times, and remove it (SQLite backups).") var drill = false
        @OptionGroup var identity: IdentityOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let source = store.configuration(checkpointOnExit: false)
            try await reportingErrors {
                let identities = try identity.resolved(required: true)
                let report: RestoreReport
                if drill {
                    report = try await source.restoreDrill(backup, identities: identities, actor: .localOperator)
                } else {
                    guard let to else { throw WardenError.invalidRequest("--to: the new database to restore into (or --drill)") }
                    let target = WardenConfiguration(databasePath: to, keyRingPath: source.keyRingPath)
                    report = try await source.restore(backup, identities: identities, into: target, actor: .localOperator)
                }
                if json { return try printJSON(report.restore) }
                show(report, drill: drill, source: source)
            }
        }

        private func show(_ report: RestoreReport, drill: Bool, source: WardenConfiguration) {
            let restore = report.restore
            Terminal.say("backup \(restore.backup): taken \(report.manifest.created), \(restore.entry) log entries, checkpoint \(restore.backupCheckpoint)")
            for note in report.notes { Terminal.say("note: \(note)") }
            if restore.lost > 0 {
                let kinds = report.lostKinds.sorted { $0.value > $1.value }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                Terminal.say("LOST: \(restore.lost) of \(restore.witnessedSize) witnessed log entries are not in this backup\(kinds.isEmpty ? "" : " (\(kinds))")")
            } else {
                Terminal.say("nothing witnessed is missing: the backup holds all \(restore.witnessedSize) witnessed entries")
            }
            for (id, people) in report.reapplied.sorted(by: { $0.key < $1.key }) {
                Terminal.say("erasure \(id) carried out again from the erasure ledger (\(people) \(people == 1 ? "person" : "people"))")
            }
            Terminal.say("verify: \(report.verification.entries) entries, \(report.verification.versions) versions, \(report.verification.people) records: intact")
            Terminal.say(String(format: "decrypt %.2f s, verify %.2f s, total %.2f s", report.decryptSeconds, report.verifySeconds, report.totalSeconds))
            if drill {
                Terminal.say("drill: restored into a temporary place and removed")
            } else {
                Terminal.say("restored into \(report.database); serve it with: warden serve --db \(report.database) --keyring \(source.keyRingPath)")
            }
        }
    }
}
