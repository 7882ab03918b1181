import AgeEncryption
import Foundation
import WardenCore
import WardenImport
import WardenServices
@_spi(Gate) import WardenStore

/// 9. Exports (issue 18). `exportDatabase` is bench/run's imported register (a Warden made by
/// `warden init`, its key ring beside it): the export of the area nearest 100,000 people is
/// asked for, approved by a DPO account past the budget, read through the Gate, laid out with
/// decoys and marks, and encrypted; baseline: sqlite3 writing the same columns as CSV, piped
/// through Debian's `age` to the same key. Then, in a Warden of its own holding `traceRegister`
/// (40 districts), 1,000 district exports are made and a 500-row copy of one, re-sorted, with
/// its first names, postcodes and decoys removed, is traced among them.
func exportBenchmarks(exportDatabase: String, traceRegister: String, traceAreas: String, in directory: URL) async throws {
    let big = try await Warden.open(WardenConfiguration(databasePath: exportDatabase))
    let bigDPO = try await officer(of: big, database: exportDatabase)
    let areas = try await big.areas.all()
    var sizes: [(Area, Int)] = []
    for area in areas where area.level == .constituency || area.level == .ward {
        sizes.append((area, try await big.areas.summary(area.id).electors))
    }
    guard let (area, _) = sizes.min(by: { abs($0.1 - 100_000) < abs($1.1 - 100_000) }) else { fatalError("no area") }
    let key = X25519Identity()
    let draft = ExportDraft(purposeID: "leaflet_delivery", recipient: ExportRecipient(name: "Bench mailing house", delivery: .ageKey(key.recipient.description)),
                            selection: ExportSelection(areaID: area.id, population: .electors), fields: [.name, .address])
    var asked: ExportRequest?
    let askTime = try await clock.measure { asked = try await big.exports.request(draft, actor: .benchOperator) }
    guard let asked else { fatalError("no request") }
    var approved: ExportRequest?
    let approveTime = try await clock.measure {
        approved = try await big.exports.approve(asked.id, reason: "bench", specialCategory: false, overBudget: true, actor: bigDPO)
    }
    report("export_people", approved?.file?.people ?? 0)
    report("export_decoys", approved?.file?.decoys ?? 0)
    report("export_bytes", approved?.file?.bytes ?? 0)
    report("export_request_seconds", String(format: "%.2f", seconds(askTime)))
    report("export_approve_seconds", String(format: "%.1f", seconds(approveTime)))
    await big.close()
    let keyFile = directory.appendingPathComponent("bench-export.key").path
    try Data(key.recipient.description.utf8).write(to: URL(fileURLWithPath: keyFile))
    let baselineTime = try clock.measure {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", """
            sqlite3 -csv -header '\(exportDatabase)' "SELECT p.forenames, p.surname, h.lines, h.postcode FROM person p JOIN household h ON h.id = p.household_id JOIN elector e ON e.person_id = p.id AND e.current = 1 LIMIT \(approved?.file?.people ?? 0)" \
            | age -R '\(keyFile)' > '\(directory.path)/baseline-export.age'
            """]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { fatalError("the baseline export failed") }
    }
    report("export_baseline_seconds", String(format: "%.1f", seconds(baselineTime)))

    let tracePath = directory.appendingPathComponent("trace.sqlite").path
    let traced = try await Warden.initialise(WardenConfiguration(databasePath: tracePath), administrator: "admin", password: "benchmark password")
    _ = try await traced.areas.importAreas(path: traceAreas, actor: .benchOperator)
    _ = try await traced.imports.importRegister(path: traceRegister, actor: .benchOperator)
    let dpo = try await officer(of: traced, database: tracePath)
    let districts = try await traced.areas.all().filter { $0.level == .pollingDistrict }
    let exportCount = option("--exports", 1_000)
    var made: [ExportID] = []
    let makeTime = try await clock.measure {
        for n in 0..<exportCount {
            let request = try await traced.exports.request(ExportDraft(
                purposeID: n % 2 == 0 ? "leaflet_delivery" : "postal_vote_chase",
                recipient: ExportRecipient(name: "Recipient \(n)", delivery: .ageKey(key.recipient.description)),
                selection: ExportSelection(areaID: districts[n % districts.count].id, population: .electors),
                fields: n % 2 == 0 ? [.name, .address] : [.name, .address, .electorNumber]), actor: .benchOperator)
            _ = try await traced.exports.approve(request.id, reason: "bench", specialCategory: false, overBudget: true, actor: dpo)
            made.append(request.id)
        }
    }
    report("trace_exports", made.count)
    report("trace_export_make_seconds", String(format: "%.0f", seconds(makeTime)))
    // The leak: one leaflet export's file as its recipient opened it, made into a spreadsheet.
    let leaked = made[made.count / 2 - (made.count / 2) % 2]
    var csv = Data()
    try await traced.exports.encryptedFile(leaked, actor: dpo).send { csv.append($0) }
    var plain = Data()
    var decryptor = AgeDecryptor(identities: [key])
    try decryptor.update(csv, plaintext: { plain.append($0) })
    try decryptor.finish(plaintext: { plain.append($0) })
    let reader = CSVReader(bytes: Array(plain), fileName: "export.csv")
    var table: [[String]] = []
    while let record = try reader.next() { table.append(record.fields) }
    let kept: [[String]] = table.dropFirst().filter { !$0[2].contains("Freepost") }.sorted { $0[1] < $1[1] }
    let rows: [String] = kept.prefix(500).map { (row: [String]) -> String in ExportCSV.line([row[1], row[2]]) }
    var result: ExportTrace.Report?
    let traceTime = try await clock.measure {
        result = try await traced.exports.trace(Array(rows.joined().utf8), fileName: "leak.csv", actor: dpo)
    }
    guard result?.source == leaked else { fatalError("the trace named \(String(describing: result?.source)), not export \(leaked): \(result?.summary ?? "")") }
    report("trace_rows", rows.count)
    report("trace_seconds", String(format: "%.2f", seconds(traceTime)))
    report("trace_log10_chance", String(format: "%.0f", result?.candidates.first?.log10Chance ?? 0))
    await traced.close()
}

/// A data protection officer's account over the whole party, as the Gate will see it.
private func officer(of warden: Warden, database: String) async throws -> Actor {
    guard let nation = try await warden.areas.all().first(where: { $0.parentID == nil })?.id else { fatalError("no areas") }
    let username = "bench-dpo-\(UInt32.random(in: 0...UInt32.max))"
    let id = try await warden.accounts.create(
        username: username, password: "benchmark password",
        grants: [GrantRequest(role: .dataProtectionOfficer, scopeAreaID: nation, purpose: .dataProtection, reason: "bench", bootstrapApprovedBy: "bench")],
        actor: .benchOperator)
    let store = try RelationalStore(path: database)
    return Actor(kind: .account(id, username: username), grants: try await store.activeGrants(id, at: .now))
}
