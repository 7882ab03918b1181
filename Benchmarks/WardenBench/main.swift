// `warden-bench audit`: the audit log's speed, each figure next to a baseline from the same run.
//
// Not part of the test suite. It builds a synthetic log directly in a fresh database
// (SyntheticLog), then measures appends through the store's group
// commit, `verify` against raw SHA-256 of the same bytes, and the DPO's investigation queries.
// Prints one `key value` line per figure for bench/run to put in BENCHMARKS.md.
//
// With `--postgres-append URL --postgres-log URL` (two empty PostgreSQL databases) it measures
// PostgreSQL instead: appends through the store there, then the synthetic log built in SQLite,
// moved with `migrate` (timed) and queried on PostgreSQL. bench/postgres.sh runs it so.
import AgeEncryption
import Crypto
import Foundation
import GRDB
import TransparencyLog
import WardenCore
import WardenGate
import WardenServices
@_spi(Gate) import WardenStore

let arguments = CommandLine.arguments
func option(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else { return fallback }
    return value
}
let entries = option("--entries", 10_000_000)
let appends = option("--appends", 20_000)
let people = option("--people", 1_000_000)
func text(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
let postgres = try text("--postgres-append").map { try PostgresLocation(url: $0) }
let postgresLog = try text("--postgres-log").map { try PostgresLocation(url: $0) }
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warden-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let clock = ContinuousClock()
func seconds(_ duration: Duration) -> Double { Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 }
func report(_ key: String, _ value: some CustomStringConvertible) { print("\(key) \(value)") }

// 11. With `--mailings N [--smtp-port P]`, the mailings' figures alone (MailingBench.swift); bench/mailings.sh runs it so.
if let members = text("--mailings").flatMap(Int.init) {
    try await mailingBenchmarks(members: members, smtpPort: text("--smtp-port").flatMap(Int.init), in: directory)
    exit(0)
}

// 10. With `--ballots N`, the ballots' figures alone (BallotBench.swift); bench/ballots.sh runs it so.
if let voters = text("--ballots").flatMap(Int.init) {
    try await ballotBenchmarks(voters: voters, in: directory)
    exit(0)
}

// 9. With `--export-db`, the exports' figures alone (ExportBench.swift); bench/exports.sh runs it so.
if let exportDatabase = text("--export-db"), let traceRegister = text("--trace-register"), let traceAreas = text("--trace-areas") {
    try await exportBenchmarks(exportDatabase: exportDatabase, traceRegister: traceRegister, traceAreas: traceAreas, in: directory)
    exit(0)
}

// 1. Appends through the store's group commit (SQLite, synchronous=FULL) or one transaction
// each (PostgreSQL, synchronous_commit on), 64 writers.
let appendStore: RelationalStore
if let postgres {
    appendStore = try await RelationalStore.postgres(postgres)
} else {
    appendStore = try RelationalStore(path: directory.appendingPathComponent("append.sqlite").path)
}
let writers = 64
let appendTime = try await clock.measure {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for writer in 0..<writers {
            group.addTask {
                for n in 0..<(appends / writers) {
                    try await appendStore.append(AuditEvent(
                        at: .now, actorLabel: "organiser\(writer)", accountID: AccountID(rawValue: Int64(writer + 1)), action: .read,
                        purpose: .campaignPlanning, outcome: .allowed, detail: "person", dataClasses: [.identity, .contact],
                        people: [PersonID(rawValue: Int64(writer * 100_000 + n))]))
                }
            }
        }
        try await group.waitForAll()
    }
}
report("append_entries_per_second", Int(Double(appends / writers * writers) / seconds(appendTime)))
if postgres == nil {
    // Baseline: the same inserts, one durable commit each, one writer (what a naive log does).
    // On PostgreSQL bench/postgres.sh measures it with pgbench.
    let baselineQueue = try DatabaseQueue(path: directory.appendingPathComponent("baseline.sqlite").path)
    try baselineQueue.write { db in
        try db.execute(sql: "PRAGMA journal_mode = WAL")
    }
    try baselineQueue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL; CREATE TABLE entry (id INTEGER PRIMARY KEY, bytes BLOB)") }
    let baselineCount = 2_000
    let baselineTime = try clock.measure {
        for n in 0..<baselineCount {
            try baselineQueue.write { db in try db.execute(sql: "INSERT INTO entry (bytes) VALUES (?)", arguments: [Data(repeating: UInt8(n % 256), count: 200)]) }
        }
    }
    report("append_baseline_commits_per_second", Int(Double(baselineCount) / seconds(baselineTime)))
}

// 2. A synthetic log over `people` people (see SyntheticLog): `verified` entries first, for
// verify, then grown to `entries` for the investigation queries.
let path = directory.appendingPathComponent("log.sqlite").path
let sqliteStore = try RelationalStore(path: path)
let pool = try DatabasePool(path: path)
var log = SyntheticLog(people: people, plannedEntries: entries)
let verified = min(option("--verified", 2_000_000), entries)
var seedTime = try clock.measure { try log.grow(to: verified, in: pool) }
if postgresLog == nil {
    let integrateTime = try await clock.measure { _ = try await sqliteStore.integrateLog() }
    report("integrate_entries_per_second", Int(Double(verified) / seconds(integrateTime)))

    // 3. verify against raw SHA-256 of the same entry bytes.
    let (size, root) = try await sqliteStore.integrateLog()
    var verifyReport = VerificationReport()
    let verifyTime = try await clock.measure {
        verifyReport = try await sqliteStore.verify(against: [TrustedCheckpoint(size: Int(size), rootHash: root, source: "bench")])
    }
    guard verifyReport.isIntact else { fatalError("bench log does not verify: \(verifyReport.findings)") }
    report("verified_entries", verified)
    report("verify_entries_per_second", Int(Double(verified) / seconds(verifyTime)))
    let rawTime = try await clock.measure {
        try await pool.read { db in
            let cursor = try Data.fetchCursor(db, sql: "SELECT entry FROM audit_event ORDER BY leaf")
            var hasher = SHA256()
            while let bytes = try cursor.next() { hasher.update(data: bytes) }
            _ = hasher.finalize()
        }
    }
    report("raw_sha256_entries_per_second", Int(Double(verified) / seconds(rawTime)))
}

seedTime += try clock.measure { try log.grow(to: entries, in: pool) }
report("seeded_entries", entries)
report("seeded_people", people)
report("seed_seconds", String(format: "%.1f", seconds(seedTime)))
report("entry_bytes_average", log.entryBytes / max(entries, 1))
// On PostgreSQL the queries run on the same log moved there whole.
let store: RelationalStore
if let postgresLog {
    _ = try await sqliteStore.integrateLog()
    let migrateTime = try await clock.measure {
        _ = try await RelationalStore.migrate(from: path, to: postgresLog) { _, _ in }
    }
    report("migrate_seconds", String(format: "%.1f", seconds(migrateTime)))
    store = try await RelationalStore.postgres(postgresLog)
} else {
    store = sqliteStore
}

// 4. Investigations: changes by an account in a one-hour window, and one person's history,
// each recorded in its own transaction as the Gate has them.
func percentiles(_ samples: [Double]) -> (Double, Double) {
    let sorted = samples.sorted()
    return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, sorted.count * 99 / 100)])
}
var byAccount: [Double] = []
var history: [Double] = []
for _ in 0..<100 {
    let account = AccountID(rawValue: Int64.random(in: 1...500))
    let from = Timestamp(secondsSince1970: log.start + Int64.random(in: 0...Int64(max(entries / 100 - 3_600, 1))))
    byAccount.append(seconds(try await clock.measure {
        _ = try await store.changes(byAccount: account, from: from, to: from.adding(seconds: 3_600), histories: false) { _ in
            AuditEvent(actor: .benchOperator, action: .investigation, purpose: .dataProtection, detail: "bench")
        }
    }))
    let person = PersonID(rawValue: Int64.random(in: 1...Int64(people)))
    history.append(seconds(try await clock.measure {
        _ = try await store.history(of: person, audit: AuditEvent(actor: .benchOperator, action: .investigation,
                                                                 purpose: .dataProtection, detail: "bench", people: [person]))
    }))
}
let (accountP50, accountP99) = percentiles(byAccount)
let (historyP50, historyP99) = percentiles(history)
report("changes_by_account_p50_ms", String(format: "%.2f", accountP50 * 1000))
report("changes_by_account_p99_ms", String(format: "%.2f", accountP99 * 1000))
report("person_history_p50_ms", String(format: "%.2f", historyP50 * 1000))
report("person_history_p99_ms", String(format: "%.2f", historyP99 * 1000))

// 5. Subject access: the package for a person with a long history (5,000 more reads of them by
// the 500 accounts, on top of the log above) next to reading the same person's history, and
// the DPO's dashboard of 10,000 open cases. The package is what `warden sar package` makes:
// the log integrated before and after, the one read of every fact and log entry naming them,
// the HTML and JSON, the tar with its manifest, and the seal (age, scrypt at work factor 18).
let subject = PersonID(rawValue: Int64(people / 2))
try await withThrowingTaskGroup(of: Void.self) { group in
    for writer in 0..<50 {
        group.addTask {
            for _ in 0..<100 {
                try await store.append(AuditEvent(
                    at: .now, actorLabel: "organiser\(writer)", accountID: AccountID(rawValue: Int64(writer + 1)), action: .read,
                    purpose: .campaignPlanning, outcome: .allowed, detail: "person", dataClasses: [.identity, .contact], people: [subject]))
            }
        }
    }
    try await group.waitForAll()
}
// The server's sequencer integrates the log every second; the grown log is brought up to date
// here, unmeasured, so the package's own integrations take in only what it adds.
_ = try await store.integrateLog()
var packageTimes: [Double] = []
var packageParts: [(read: Double, render: Double, seal: Double)] = []
var subjectHistory: [Double] = []
var consultations = 0
for _ in 0..<5 {
    subjectHistory.append(seconds(try await clock.measure {
        _ = try await store.history(of: subject, audit: AuditEvent(actor: .benchOperator, action: .investigation,
                                                                  purpose: .dataProtection, detail: "bench", people: [subject]))
    }))
    var facts: SubjectAccessFacts?
    var archive: SubjectAccessArchive?
    let read = try await clock.measure {
        _ = try await store.integrateLog()
        facts = try await store.subjectAccessFacts(of: [subject], audit: AuditEvent(
            actor: .benchOperator, action: .read, purpose: .subjectAccess, detail: "subject access case 1: package", people: [subject]), standing: nil)
        _ = try await store.integrateLog()
    }
    guard let facts else { fatalError("no facts") }
    consultations = facts.consultations.count
    let render = try clock.measure {
        let package = SubjectAccessPackage(caseID: SubjectAccessCaseID(1), generatedAt: .now, records: facts.records,
                                           consultations: facts.consultations, processing: .ukPartyDefault)
        archive = try SubjectAccessArchive(package: package, checkpoint: nil, proofs: [])
    }
    let seal = try clock.measure { _ = try archive?.sealed(passphrase: "benchmark passphrase") }
    packageParts.append((seconds(read), seconds(render), seconds(seal)))
    packageTimes.append(seconds(read + render + seal))
}
report("sar_package_read_p50_ms", String(format: "%.0f", percentiles(packageParts.map(\.read)).0 * 1000))
report("sar_package_render_p50_ms", String(format: "%.0f", percentiles(packageParts.map(\.render)).0 * 1000))
report("sar_package_seal_p50_ms", String(format: "%.0f", percentiles(packageParts.map(\.seal)).0 * 1000))
report("sar_consultations", consultations)
report("sar_package_p50_ms", String(format: "%.0f", percentiles(packageTimes).0 * 1000))
report("sar_package_max_ms", String(format: "%.0f", (packageTimes.max() ?? 0) * 1000))
report("sar_history_p50_ms", String(format: "%.1f", percentiles(subjectHistory).0 * 1000))

try await withThrowingTaskGroup(of: Void.self) { group in
    for writer in 0..<50 {
        group.addTask {
            for n in 0..<200 {
                let received = Timestamp.now.date.adding(days: -((writer * 200 + n) % 40))
                _ = try await store.openSubjectAccessCase(
                    SubjectAccessCase(id: SubjectAccessCaseID(0), requester: "Requester \(writer * 200 + n)", channel: .email,
                                      receivedOn: received, openedBy: "dpo", openedAt: .now),
                    audit: AuditEvent(actor: .benchOperator, action: .subjectAccess, purpose: .subjectAccess, detail: "bench"))
            }
        }
    }
    try await group.waitForAll()
}
var dashboard: [Double] = []
var listed = 0
for _ in 0..<20 {
    dashboard.append(seconds(try await clock.measure { listed = try await store.subjectAccessCases(all: false, limit: 10_000).count }))
}
report("sar_dashboard_cases", listed)
report("sar_dashboard_p50_ms", String(format: "%.1f", percentiles(dashboard).0 * 1000))
report("sar_dashboard_p99_ms", String(format: "%.1f", percentiles(dashboard).1 * 1000))

// 6. Incidents. One account over the whole synthetic log (about a day of a national party's
// reads at a hundred a second, so more than a month of one organiser's work): everyone it
// read or changed, how, by area, and who else read them. Then the whole database as it stands.
// Both as the Gate has them: one transaction that records the DPO's question.
let oneActor = IncidentQuery(scope: IncidentScope(actors: ["organiser1"]), accounts: [(AccountID(rawValue: 1), "organiser1")],
                             districts: nil, branches: nil, labels: [:])
var actorTimes: [Double] = []
var actorPeople = 0
for _ in 0..<3 {
    actorTimes.append(seconds(try await clock.measure {
        let evidence = try await store.incidentEvidence(oneActor, audit: AuditEvent(actor: .benchOperator, action: .investigation,
                                                                                    purpose: .dataProtection, detail: "bench incident"))
        actorPeople = IncidentAnalysis.findings(evidence, scope: oneActor.scope, at: .now).people
    }))
}
report("incident_actor_people", actorPeople)
report("incident_actor_max_ms", String(format: "%.0f", (actorTimes.max() ?? 0) * 1000))
let whole = IncidentQuery(scope: IncidentScope(wholeDatabaseAsOf: .now), accounts: [], districts: nil, branches: nil, labels: [:])
var wholePeople = 0
let wholeTime = try await clock.measure {
    let evidence = try await store.incidentEvidence(whole, audit: AuditEvent(actor: .benchOperator, action: .investigation,
                                                                             purpose: .dataProtection, detail: "bench incident"))
    wholePeople = IncidentAnalysis.findings(evidence, scope: whole.scope, at: .now).people
}
report("incident_whole_people", wholePeople)
report("incident_whole_seconds", String(format: "%.1f", seconds(wholeTime)))

// 7. Erasure by retention: 10,000 people in batches of 1,000 (RetentionService.batch), each an
// erasure in one transaction as the Gate has it: every row of theirs deleted, their versions
// emptied with their hashes kept, the audit entry; then the checkpoint that empties the
// write-ahead log (SQLite). People are spread over the whole id range, with their histories.
let erasedCount = option("--erase", 10_000)
let eraseKey = SymmetricKey(size: .bits256)
var erasedSoFar = 0
let eraseTime = try await clock.measure {
    for batch in 0..<(erasedCount / 1_000) {
        let chosen = (0..<1_000).map { PersonID(rawValue: Int64(1 + (batch * 1_000 + $0) * (people / erasedCount))) }
        let outcome = try await store.erase(
            Erasure(kind: .retention, reason: "bench", suppress: false, people: chosen, requestedBy: "operator:bench", requestedAt: .now),
            decidedBy: "operator:bench", at: .now, missing: .skip, keepingRegister: [],
            identifierHash: { Array(HMAC<SHA256>.authenticationCode(for: Array($0.utf8), using: eraseKey)) },
            audit: AuditEvent(actor: .benchOperator, action: .erasure, purpose: .dataProtection, detail: "bench"), standing: nil)
        erasedSoFar += outcome.erasure.people.count
    }
}
let scrubTime = try await clock.measure { _ = try await store.scrubFreedSpace() }
report("erase_people", erasedSoFar)
report("erase_per_second", String(format: "%.0f", Double(erasedSoFar) / seconds(eraseTime)))
report("erase_scrub_ms", String(format: "%.0f", seconds(scrubTime) * 1000))

extension Actor {
    static let benchOperator = Actor(kind: .localOperator("bench"), grants: [])
}

// 8. Backup and restore of the whole database (SQLite): `warden backup` (a checkpoint, the
// VACUUM INTO snapshot, its verify, age encryption) against sqlite3's own `.backup` of the
// same file; then the restore drill (decrypt, manifest, lineage, restore entry, verify). The
// recovery point the default schedule achieves: up to one interval since the last snapshot
// began, plus the time the next backup takes to complete.
if postgresLog == nil {
    let keyRingPath = directory.appendingPathComponent("log.keyring").path
    try KeyRing.generate().create(at: keyRingPath)
    let configuration = WardenConfiguration(databasePath: path, keyRingPath: keyRingPath,
                                            witnessDirectory: directory.appendingPathComponent("log.witness").path)
    let warden = try await Warden.open(configuration)
    try await warden.log.checkpoint()
    let databaseBytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let baselineTarget = directory.appendingPathComponent("baseline-backup.sqlite").path
    let baselineTime = try clock.measure {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, ".backup '\(baselineTarget)'"]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { fatalError("sqlite3 .backup failed") }
    }
    try FileManager.default.removeItem(atPath: baselineTarget)
    let key = X25519Identity()
    let backups = directory.appendingPathComponent("backups").path
    var taken: BackupService.Taken?
    let backupTime = try await clock.measure {
        taken = try await warden.backups.take(to: backups, recipients: [key.recipient], actor: .benchOperator)
    }
    guard let taken else { fatalError("no backup") }
    report("backup_database_bytes", databaseBytes)
    report("backup_bytes", taken.bytes)
    report("backup_entries", taken.manifest.logSize)
    report("backup_seconds", String(format: "%.1f", seconds(backupTime)))
    report("backup_snapshot_seconds", String(format: "%.1f", taken.snapshotSeconds))
    report("backup_check_seconds", String(format: "%.1f", taken.checkSeconds))
    report("backup_encrypt_seconds", String(format: "%.1f", taken.encryptSeconds))
    report("backup_baseline_seconds", String(format: "%.1f", seconds(baselineTime)))
    let drill = try await configuration.restoreDrill(taken.file, identities: [key], actor: .benchOperator)
    guard drill.verification.isIntact else { fatalError("the restored backup does not verify: \(drill.verification.findings)") }
    report("restore_decrypt_seconds", String(format: "%.1f", drill.decryptSeconds))
    report("restore_verify_seconds", String(format: "%.1f", drill.verifySeconds))
    report("restore_seconds", String(format: "%.1f", drill.totalSeconds))
    // Worst case with the default 15-minute schedule: a failure just before a backup completes
    // loses everything since the previous snapshot began.
    report("backup_recovery_point_minutes", String(format: "%.1f", 15 + seconds(backupTime) / 60))
    await warden.close()
}
