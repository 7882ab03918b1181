import WardenCore

/// One register import inside one transaction: households, matching, elector entries.
///
/// Matching keeps history: an entry is matched to an existing current elector by name and
/// date of birth and/or address, and then the person (with everything recorded about them)
/// carries on under the new elector number. Anonymous entries are never matched by name.
struct RegisterImport<Ledger: RegisterLedger>: ImportRun {
    let ledger: Ledger
    let options: ImportOptions
    let importID: Int64
    let now: Timestamp
    var report: ImportReport
    var districts: [String: Int64] = [:]
    var households = Households()
    var touchedDistricts: Set<Int64> = []
    /// Whether any elector existed before: a first import skips matching entirely.
    let mayMatch: Bool
    /// A first import into empty tables: the engine may load it in bulk.
    let bulkLoad: Bool
    /// Hashes suppression identifiers, when anyone is suppressed.
    let suppressionHash: (@Sendable (String) -> [UInt8])?

    init(ledger: Ledger, options: ImportOptions) throws {
        self.ledger = ledger
        self.options = options
        now = Timestamp.now
        report = ImportReport(starting: options)
        importID = try ledger.beginRegisterImport(file: options.file, layout: options.layout, by: options.actor.label, at: now)
        for district in try ledger.pollingDistricts() { districts[district.code.uppercased()] = district.id }
        mayMatch = try ledger.hasCurrentElectors()
        households.knownEmpty = try !ledger.hasHouseholds()
        bulkLoad = try !ledger.hasPeople()
        suppressionHash = try ledger.hasSuppressions() ? options.suppressionHash : nil
        if bulkLoad { try ledger.beginBulkLoad() }
    }

    mutating func apply(_ line: ImportLine<RegisterEntry>) throws {
        guard let entry = take(line) else { return }
        guard let district = districts[entry.pollingDistrict] else {
            report.problems.append(ImportProblem(
                file: options.file, line: line.line, field: "polling district",
                problem: "not a known polling district (import the areas first)"))
            return
        }
        touchedDistricts.insert(district)
        if try isSuppressed(entry) {
            report.suppressed += 1
            return
        }
        let household = entry.address.isEmpty ? nil : try households.id(for: entry.address, key: entry.householdKey, district: district, in: ledger)
        let personID: Int64
        if let match = mayMatch && !entry.isAnonymous ? try findMatch(entry, householdID: household) : nil {
            personID = match.personID
            try update(match, with: entry, householdID: household)
        } else {
            personID = try ledger.addPerson(entry.name, nameKey: entry.isAnonymous ? nil : entry.matchKey, dateOfBirth: entry.dateOfBirth,
                                            household: household, at: now)
            report.added += 1
        }
        guard try ledger.addElector(entry, person: personID, district: district, importID: importID) else {
            report.problems.append(ImportProblem(
                file: options.file, line: line.line, field: "elector number",
                problem: "appears more than once in this file"))
            return
        }
    }

    /// Ends the entries of electors in the covered districts who were not in this file, and
    /// describes the import.
    mutating func finish() throws -> (ImportReport, AuditEvent) {
        if bulkLoad { try ledger.endBulkLoad() }
        if !touchedDistricts.isEmpty {
            report.removed = try ledger.endElectors(in: touchedDistricts, notIn: importID)
        }
        report.households = households.created
        try ledger.finishRegisterImport(importID, report: report)
        if report.problems.isEmpty { try ledger.touchPeople(of: importID) }
        var audit = AuditEvent(
            actor: options.actor, action: .import, purpose: options.purpose, outcome: report.problems.isEmpty ? .allowed : .failed,
            detail: "register \(options.file): \(report.rows) rows, \(report.added) added, \(report.changed) changed, \(report.removed) removed"
                + (report.suppressed > 0 ? ", \(report.suppressed) suppressed" : ""),
            dataClasses: [.identity, .contact])
        audit.detail += options.dryRun ? " (dry run)" : ""
        return (report, audit)
    }

    /// Whether `entry` is someone erased whom the party must not contact again: they come back
    /// with nothing, not even what the register says. Anonymous entries carry no name to match.
    func isSuppressed(_ entry: RegisterEntry) throws -> Bool {
        guard let suppressionHash, !entry.isAnonymous else { return false }
        var identifiers = [SuppressionIdentifiers.nameAndAddress(nameKey: entry.matchKey, addressKey: entry.householdKey)]
        if let dob = entry.dateOfBirth { identifiers.append(SuppressionIdentifiers.nameAndBirth(nameKey: entry.matchKey, dateOfBirth: dob)) }
        return try ledger.isSuppressed(identifiers.map(suppressionHash))
    }

    /// The best current elector for `entry`: same name, and the same date of birth or the
    /// same address (both when possible). A conflicting date of birth rules a candidate out.
    /// Two indexed lookups (name + household, name + date of birth), so common names cost no scan.
    func findMatch(_ entry: RegisterEntry, householdID: Int64?) throws -> ElectorCandidate? {
        var candidates: [ElectorCandidate] = []
        if let householdID {
            candidates += try ledger.candidates(nameKey: entry.matchKey, household: householdID, otherThan: importID)
        }
        if let dob = entry.dateOfBirth {
            candidates += try ledger.candidates(nameKey: entry.matchKey, dateOfBirth: dob, otherThan: importID)
        }
        var best: (score: Int, match: ElectorCandidate)?
        let dob = entry.dateOfBirth?.description
        for candidate in candidates {
            var score = 0
            if let dob, let theirs = candidate.dateOfBirth {
                guard dob == theirs else { continue }
                score += 2
            }
            if let householdID, householdID == candidate.householdID { score += 1 }
            guard score > 0, score > (best?.score ?? 0) else { continue }
            best = (score, candidate)
        }
        return best?.match
    }

    /// Carries a matched person on under the new entry, counting what changed.
    mutating func update(_ match: ElectorCandidate, with entry: RegisterEntry, householdID: Int64?) throws {
        var kinds: [String] = []
        if match.number != entry.number { kinds.append("renumbered") }
        if match.householdID != householdID { kinds.append("moved") }
        if match.name != entry.name { kinds.append("renamed") }
        if match.dateOfBirth == nil && entry.dateOfBirth != nil { kinds.append("date of birth added") }
        if match.markers != entry.markers { kinds.append("markers changed") }
        try ledger.endElector(match.electorID, by: importID)
        if kinds.isEmpty {
            report.unchanged += 1
            return
        }
        report.changed += 1
        for kind in kinds { report.changes[kind, default: 0] += 1 }
        try ledger.updatePerson(match.personID, from: entry, household: householdID, at: now)
    }
}
