import AgeEncryption
import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Backups and restores on real files: Debian's `age` opens what Warden writes, and a restore
/// refuses what is altered, truncated or from another history, and says what was lost.
@Suite("Backups and restores", .enabled(if: TestEngine.current == .sqlite, "backups hold SQLite files"))
struct BackupTests {
    /// A party with people, members, sealed doorstep answers and contact changes (the subject
    /// access fixture), and the backup key.
    struct Party {
        let test: TestWarden
        let key = X25519Identity()

        var backups: String { test.directory.appendingPathComponent("backups").path }
        var warden: Warden { test.warden }

        static func make(_ test: TestWarden? = nil) async throws -> Party {
            let test = if let test { test } else { try await SubjectAccessPackageTests.seeded().test }
            return Party(test: test)
        }

        func backUp() async throws -> BackupService.Taken {
            try await warden.backups.take(to: backups, recipients: [key.recipient], identities: [key], actor: .localOperator)
        }

        func target(_ name: String) -> WardenConfiguration {
            WardenConfiguration(databasePath: test.directory.appendingPathComponent(name + ".sqlite").path,
                                keyRingPath: warden.configuration.keyRingPath, passwordHasher: warden.configuration.passwordHasher,
                                witnessDirectory: test.directory.appendingPathComponent(name + ".witness").path)
        }

        func restore(_ file: String, as name: String, key: X25519Identity? = nil) async throws -> RestoreReport {
            try await warden.configuration.restore(file, identities: [key ?? self.key], into: target(name), actor: .localOperator)
        }

        /// More history after a backup: searches (read entries) and a contact change (a write),
        /// signed and witnessed.
        func moreHistory() async throws {
            let dpo = BackupTests.dpo
            let found = try await warden.people.search(PeopleQuery(text: "Lee"), actor: dpo, purpose: .dataProtection).value
            _ = try await warden.people.changeContacts(of: try #require(found.first).id, edits: [try ContactEdit(kind: .phone, text: "07700 900123")],
                                                       reason: "after the backup", actor: dpo, purpose: .dataProtection)
            try await warden.log.checkpoint()
        }
    }

    /// The fixture's DPO (account 2), without signing in again within the fixture's code step.
    static let dpo = Actor(kind: .account(AccountID(rawValue: 2), username: "dpo"), roles: [.dataProtectionOfficer])

    static func shell(_ command: String) throws -> (status: Int32, output: String) {
        try Command.shell(command)
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? 0) & 0o777
    }

    @Test func aBackupOpensWithDebianAgeAndHoldsTheDatabaseAndItsManifest() async throws {
        let party = try await Party.make()
        let directory = party.test.directory.path
        #expect(try Self.shell("age-keygen -o '\(directory)/key.txt'").status == 0)
        let recipients = try AgeKeyFiles.recipients(in: try party.test.write("recipients.txt", Self.shell("age-keygen -y '\(directory)/key.txt'").output))
        let taken = try await party.warden.backups.take(to: party.backups, recipients: recipients, actor: .localOperator)

        #expect(try Self.mode(taken.file) == 0o600 && Self.mode(party.backups) == 0o700)
        #expect(try Self.shell("mkdir '\(directory)/out' && age -d -i '\(directory)/key.txt' '\(taken.file)' | tar -x -C '\(directory)/out'").status == 0)
        let database = "\(directory)/out/\(BackupManifest.databaseName(for: "sqlite"))"
        let inner = try JSONDecoder().decode(BackupManifest.self, from: Data(contentsOf: URL(fileURLWithPath: "\(directory)/out/manifest.json")))
        let beside = try JSONDecoder().decode(BackupManifest.self, from: Data(contentsOf: URL(fileURLWithPath: taken.file + ".manifest.json")))
        #expect(inner == beside && inner == taken.manifest)
        #expect(try Self.shell("sha256sum '\(database)'").output.hasPrefix(inner.sha256))
        #expect(try TestEngine.sqlite.run("PRAGMA integrity_check", on: database) == ["ok"])
        #expect(try TestEngine.sqlite.run("SELECT COUNT(*) FROM person", on: database) == ["5"])
        #expect(inner.engine == "sqlite" && inner.schemaVersion == "2026-12-10 events" && inner.wardenVersion == WardenRelease.version)
        #expect(inner.checkpoint?.size == inner.logSize && inner.logSize > 10)
        #expect(inner.recipients == recipients.map(\.description))
        #expect(taken.check.hasPrefix("checked: the snapshot verified") && taken.check.hasSuffix("not decrypted again (no identity on this server)"))
        #expect(inner.keyVersions == [1])
        // Nothing readable in the file itself, and no key ring in the archive.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: taken.file))
        #expect(bytes.range(of: Data("Mill Lane".utf8)) == nil && bytes.range(of: Data("SQLite format 3".utf8)) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(directory)/out").sorted() == ["manifest.json", "warden.sqlite"])
        // No plaintext snapshot is left beside the database.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".warden-scratch") }.isEmpty)
    }

    @Test func aBackupIsNeverWrittenOverAndEachGetsANameOfItsOwn() async throws {
        let party = try await Party.make()
        let first = try await party.backUp()
        let second = try await party.backUp()
        #expect(first.file != second.file)
        #expect(try party.warden.backups.list(party.backups).map(\.file) == [first.file, second.file])
    }

    @Test func aRestoreRefusesAFlippedByteATruncationAndAnotherKeyAndLeavesNothing() async throws {
        let party = try await Party.make()
        let taken = try await party.backUp()
        let original = try Data(contentsOf: URL(fileURLWithPath: taken.file))
        var flipped = original
        flipped[flipped.count / 2] ^= 0x01
        let flippedPath = try party.test.write("flipped.age", "")
        try flipped.write(to: URL(fileURLWithPath: flippedPath))
        let truncatedPath = try party.test.write("truncated.age", "")
        try original.prefix(original.count - 70_000).write(to: URL(fileURLWithPath: truncatedPath))

        await #expect(throws: WardenError.invalidRequest("\(flippedPath): cannot be opened (altered or truncated: a chunk fails authentication)")) {
            _ = try await party.restore(flippedPath, as: "r1")
        }
        await #expect(throws: WardenError.invalidRequest("\(truncatedPath): cannot be opened (altered or truncated: a chunk fails authentication)")) {
            _ = try await party.restore(truncatedPath, as: "r2")
        }
        let atChunk = try party.test.write("chunk.age", "")
        try original.prefix(original.count - (original.count - 200) % 65_552).write(to: URL(fileURLWithPath: atChunk))
        await #expect(throws: WardenError.self) { _ = try await party.restore(atChunk, as: "r4") }
        await #expect(throws: WardenError.invalidRequest("\(taken.file): cannot be opened (none of the identities given can open it)")) {
            _ = try await party.restore(taken.file, as: "r3", key: X25519Identity())
        }
        for name in ["r1", "r2", "r3", "r4"] {
            #expect(!FileManager.default.fileExists(atPath: party.target(name).databasePath))
            #expect(!FileManager.default.fileExists(atPath: party.target(name).witnessDirectory))
        }
    }

    @Test func aRestoreSaysWhatWasLostAndVerifyExplainsTheCutHistory() async throws {
        let party = try await Party.make()
        let taken = try await party.backUp()
        try await party.moreHistory()
        let witnessed = try #require(try await party.warden.log.checkpoint())

        let report = try await party.restore(taken.file, as: "restored")
        #expect(report.restore.entry == taken.manifest.logSize)
        #expect(report.restore.witnessedSize == witnessed.size && report.restore.lost == witnessed.size - taken.manifest.logSize)
        #expect(report.lostKinds["write"] == 1 && report.lostKinds["search"] == 1 && report.lostKinds["backup"] == 1)
        #expect(report.verification.isIntact && report.verification.restores == [report.restore])
        let lineage = party.target("restored").witnessDirectory + "/before-restore-\(report.restore.entry)"
        #expect(FileManager.default.fileExists(atPath: lineage + "/checkpoints"))

        // The restored party goes on, and verify keeps explaining rather than finding tampering.
        let restored = try await Warden.open(party.target("restored"))
        _ = try await restored.people.search(PeopleQuery(text: "Ray"), actor: Self.dpo, purpose: .dataProtection)
        try await restored.log.checkpoint()
        let later = try await restored.log.verify(actor: .localOperator)
        #expect(later.isIntact, "\(later.findings)")
        #expect(later.restores.map(\.entry) == [report.restore.entry])
        let entries = try await restored.accounts.recentAudit(actor: .localOperator, limit: 50)
        #expect(entries.contains { $0.action == .restore && $0.detail.contains("\(report.restore.lost) of them lost") })
        // The sealed doorstep answer came back too: the key ring is the same.
        #expect(try TestEngine.sqlite.run("SELECT COUNT(*) FROM canvass_contact", on: party.target("restored").databasePath) == ["1"])
        await restored.close()
    }

    /// History set aside without a restore in the log is someone hiding a rewrite.
    @Test func historySetAsideWithoutARecordedRestoreIsAFinding() async throws {
        let party = try await Party.make()
        let taken = try await party.backUp()
        try await party.moreHistory()
        let report = try await party.restore(taken.file, as: "restored")
        let deleted = try Self.shell("sqlite3 -cmd '.timeout 5000' '\(report.database)' 'DELETE FROM log_restore'")
        #expect(deleted.status == 0, "\(deleted.output)")
        let restored = try await Warden.open(party.target("restored"))
        let verification = try await restored.log.verify(actor: .localOperator)
        #expect(verification.findings.contains { $0.contains("the log records no restore at entry \(report.restore.entry)") })
        await restored.close()
    }

    /// A copy that went its own way after the backup point: its backups are not part of the
    /// history this server witnessed.
    @Test func aBackupFromAForkedHistoryIsRefused() async throws {
        let party = try await Party.make()
        let early = try await party.backUp()
        // The fork: restored elsewhere, it goes on with a history of its own and is backed up.
        _ = try await party.restore(early.file, as: "forked")
        let forked = try await Warden.open(party.target("forked"))
        try await forked.log.checkpoint()
        let forkBackup = try await forked.backups.take(to: party.test.directory.appendingPathComponent("fork-backups").path,
                                                       recipients: [party.key.recipient], actor: .localOperator)
        await forked.close()
        // Meanwhile the party's own history goes on.
        try await party.moreHistory()
        try await party.moreHistory()
        let error = await #expect(throws: WardenError.self) { _ = try await party.restore(forkBackup.file, as: "refused") }
        #expect(error?.description.contains("not part of the history this server witnessed") == true)
        #expect(!FileManager.default.fileExists(atPath: party.target("refused").databasePath))
    }

    @Test func peopleErasedSinceTheBackupStayErased() async throws {
        let seeded = try await ErasureTests.seeded()
        let party = try await Party.make(seeded.test)
        let taken = try await party.backUp()
        let done = try await ErasureTests.erase(seeded.ann, seeded)
        let report = try await party.restore(taken.file, as: "restored")
        #expect(report.reapplied[done.outcome.erasure.id] == 1)
        #expect(try TestEngine.sqlite.run("SELECT COUNT(*) FROM person WHERE id = \(seeded.ann.rawValue)", on: report.database) == ["0"])
        #expect(report.verification.isIntact)
    }

    @Test func theKeyRingIsBackedUpApartToAnotherKey() async throws {
        let party = try await Party.make()
        let taken = try await party.backUp()
        let databaseKeys = Set(try party.warden.backups.list(party.backups).flatMap { $0.manifest?.recipients ?? [] })
        let path = party.test.directory.appendingPathComponent("keyring.age").path
        await #expect(throws: WardenError.invalidRequest("--recipient: the database's backups are encrypted to this key; the key ring's backup needs another")) {
            _ = try await party.warden.keys.backUp(to: path, recipients: [party.key.recipient], databaseRecipients: databaseKeys, actor: .localOperator)
        }
        let keyRingKey = X25519Identity()
        let names = try await party.warden.keys.backUp(to: path, recipients: [keyRingKey.recipient], databaseRecipients: databaseKeys, actor: .localOperator)
        #expect(names == ["warden.keyring"])
        #expect(try Self.mode(path) == 0o600)
        let directory = party.test.directory.path
        try Data((keyRingKey.secretKeyString + "\n").utf8).write(to: URL(fileURLWithPath: "\(directory)/kr-key.txt"))
        #expect(try Self.shell("mkdir '\(directory)/kr' && age -d -i '\(directory)/kr-key.txt' '\(path)' | tar -x -C '\(directory)/kr'").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/kr/warden.keyring")) == Data(contentsOf: URL(fileURLWithPath: party.warden.configuration.keyRingPath)))
        // And the database backup holds no key ring.
        #expect(try Self.shell("age -d -i '\(directory)/kr-key.txt' '\(taken.file)'").status != 0)
        // Only the operator.
        await #expect(throws: WardenError.self) {
            _ = try await party.warden.keys.backUp(to: path + "2", recipients: [keyRingKey.recipient], databaseRecipients: [], actor: Self.dpo)
        }
    }

    @Test func onlyTheOperatorTakesOrRestoresBackups() async throws {
        let party = try await Party.make()
        let dpo = Self.dpo
        await #expect(throws: WardenError.forbidden("backups are taken on the server, by its operator or its schedule")) {
            _ = try await party.warden.backups.take(to: party.backups, recipients: [party.key.recipient], actor: dpo)
        }
        let taken = try await party.backUp()
        await #expect(throws: WardenError.forbidden("backups are pruned on the server, by its operator or its schedule")) {
            _ = try await party.warden.backups.prune(party.backups, rule: BackupRetention(keepAllSeconds: 0, dailyDays: 0), actor: dpo)
        }
        #expect(try party.warden.backups.list(party.backups).map(\.file) == [taken.file])
        await #expect(throws: WardenError.forbidden("restoring a backup is the operator's, on the server")) {
            _ = try await party.warden.configuration.restore(taken.file, identities: [party.key], into: party.target("r"), actor: dpo)
        }
        // The status is the DPO's; a canvasser is refused, on the record.
        #expect(try await party.warden.backups.lastGood(actor: dpo)?.file == taken.file)
        let canvasser = Actor(kind: .account(AccountID(rawValue: 4), username: "canvasser"), roles: [.canvasser])
        await #expect(throws: WardenError.self) { _ = try await party.warden.backups.lastGood(actor: canvasser) }
        let refusals = try await party.warden.accounts.recentAudit(actor: .localOperator, limit: 10).filter { $0.outcome == .refused }
        #expect(refusals.contains { $0.detail.contains("backups") })
    }

    @Test func aDrillRestoresIntoATemporaryPlaceAndLeavesNothing() async throws {
        let party = try await Party.make()
        let taken = try await party.backUp()
        let report = try await party.warden.configuration.restoreDrill(taken.file, identities: [party.key], actor: .localOperator)
        #expect(report.verification.isIntact && report.totalSeconds > 0)
        #expect(!FileManager.default.fileExists(atPath: report.database))
        #expect(try FileManager.default.contentsOfDirectory(atPath: party.test.directory.path).filter { $0.hasPrefix(".warden-scratch") }.isEmpty)
    }

    @Test func pruningKeepsEveryRecentBackupThenOneADayAndAlwaysTheNewest() {
        let now = Timestamp(iso8601: "2026-12-31T12:00:00Z")!
        var created: [String: Timestamp] = [:]
        // Every 6 hours for 40 days.
        for hours in stride(from: 0, to: 40 * 24, by: 6) { created["b\(hours)"] = now.adding(seconds: -Int64(hours) * 3_600) }
        let rule = BackupRetention()
        let expired = Set(rule.expired(created, now: now))
        let kept = created.filter { !expired.contains($0.key) }
        #expect(kept.values.filter { now.secondsSince1970 - $0.secondsSince1970 < 48 * 3_600 }.count == 8)
        let older = kept.values.filter { now.secondsSince1970 - $0.secondsSince1970 >= 48 * 3_600 }
        #expect(Set(older.map(\.date)).count == older.count, "one a day past 48 hours")
        #expect(older.allSatisfy { now.secondsSince1970 - $0.secondsSince1970 < 35 * 86_400 })
        #expect(older.count >= 32)
        // However old, the newest stays.
        #expect(rule.expired(["old": now.adding(days: -400)], now: now).isEmpty)
    }
}


extension BackupTests {
    @Test func aScheduledBackupThatFailsOrIsOverdueRaisesABackupAlert() async throws {
        let party = try await Party.make()
        #expect(throws: WardenError.invalidRequest("--backup-every: at least 1 minute")) {
            _ = try BackupSchedule(directory: party.backups, recipients: [party.key.recipient], every: .seconds(30))
        }
        let blocked = try party.test.write("not-a-directory", "a file where the backup directory should be")
        let failing = try BackupSchedule(directory: blocked, recipients: [party.key.recipient], every: .seconds(60))
        #expect(await party.warden.backups.runScheduled(failing, actor: .localOperator) == false)
        var alerts = try await party.warden.alerts.list(actor: .localOperator)
        #expect(alerts.contains { $0.kind == .backup && $0.detail.hasPrefix("scheduled backup into \(blocked) failed") })

        try await party.warden.backups.alertIfOverdue(failing, since: Timestamp.now.adding(seconds: -100), actor: .localOperator)
        alerts = try await party.warden.alerts.list(actor: .localOperator)
        #expect(!alerts.contains { $0.detail.contains("overdue") }, "one interval and a bit is not yet overdue")
        try await party.warden.backups.alertIfOverdue(failing, since: Timestamp.now.adding(seconds: -200), actor: .localOperator)
        alerts = try await party.warden.alerts.list(actor: .localOperator)
        #expect(alerts.filter { $0.kind == .backup && $0.detail.contains("backups are overdue") }.count == 1)

        let good = try BackupSchedule(directory: party.backups, recipients: [party.key.recipient], identities: [party.key], every: .seconds(60))
        #expect(await party.warden.backups.runScheduled(good, actor: .localOperator))
        let last = try #require(try await party.warden.backups.lastGood())
        #expect(last.check.hasSuffix("; decrypted again and matched"))
        #expect(good.next(after: last) == last.at.adding(seconds: 60))
        #expect(!good.isOverdue(last, since: last.at, now: last.at.adding(seconds: 180)))
        #expect(good.isOverdue(last, since: last.at, now: last.at.adding(seconds: 181)))
    }
}

extension BackupTests {
    /// A key a kept backup still needs is not destroyed: the backup would lose its sealed fields.
    @Test func aKeyIsNotRetiredWhileABackupNeedsIt() async throws {
        let party = try await Party.make()
        let taken = try await party.backUp()
        _ = try await party.warden.keys.rotate(actor: .localOperator)
        let kept = try party.warden.backups.list(party.backups).compactMap(\.manifest)
        await #expect(throws: WardenError.conflict("the backup of \(taken.manifest.created) still needs key-encryption key 1; retire it once that backup has been pruned")) {
            try await party.warden.keys.retire(version: 1, backups: kept, actor: .localOperator)
        }
        let newer = try await party.backUp()
        #expect(newer.manifest.keyVersions == [2])
        try await party.warden.keys.retire(version: 1, backups: [newer.manifest], actor: .localOperator)
    }
}
