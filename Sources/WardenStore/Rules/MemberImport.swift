import WardenCore

/// One membership import inside one transaction.
///
/// A member already known by membership number is updated; a new one is linked to the
/// current elector with the same name at the same postcode (and date of birth, where both
/// have one), or else becomes a new person at their own address.
struct MemberImport<Ledger: MemberLedger>: ImportRun {
    let ledger: Ledger
    let options: ImportOptions
    let now: Timestamp
    var report: ImportReport
    var households = Households()
    var wards: [String: Int64] = [:]
    var seenNumbers: [String: Int] = [:]
    /// People this file created, linked or updated: each may need a new version.
    var touched: [Int64] = []

    init(ledger: Ledger, options: ImportOptions) throws {
        self.ledger = ledger
        self.options = options
        now = Timestamp.now
        report = ImportReport(starting: options)
        for ward in try ledger.wards() {
            wards[Normalize.letters(ward.code)] = ward.id
            wards[Normalize.letters(ward.name)] = ward.id
        }
    }

    mutating func apply(_ line: ImportLine<MembershipRecord>) throws {
        guard let record = take(line) else { return }
        if let first = seenNumbers[record.membershipNumber] {
            report.problems.append(ImportProblem(
                file: options.file, line: line.line, field: "membership number", problem: "also on line \(first)"))
            return
        }
        seenNumbers[record.membershipNumber] = line.line
        var branch: Int64?
        if let name = record.branch {
            guard let ward = wards[Normalize.letters(name)] else {
                report.problems.append(ImportProblem(
                    file: options.file, line: line.line, field: "branch", problem: "not a known ward code or name"))
                return
            }
            branch = ward
        }
        let personID: Int64
        if let existing = try ledger.member(number: record.membershipNumber) {
            guard !options.onlyNewMembers else {
                report.problems.append(ImportProblem(
                    file: options.file, line: line.line, field: "membership number", problem: "already a member's number"))
                return
            }
            personID = existing.personID
            let changed = existing.status != record.status.rawValue || existing.joinedOn != record.joinedOn?.description
                || existing.statusSince != record.statusSince?.description || existing.branchAreaID != branch
                || existing.duesPence != record.dues?.pence
            if changed { report.changed += 1 } else { report.unchanged += 1 }
            if existing.status != record.status.rawValue { report.changes["status", default: 0] += 1 }
            try ledger.saveMember(record, person: personID, branch: branch, isNew: false, at: now)
        } else {
            if let linked = try linkToElector(record) {
                personID = linked
                report.linked += 1
            } else {
                let household = record.address.isEmpty ? nil
                    : try households.id(for: record.address, key: record.address.householdKey, district: nil, in: ledger)
                personID = try ledger.addPerson(record.name, nameKey: record.name.matchKey, dateOfBirth: record.dateOfBirth,
                                                household: household, at: now)
            }
            report.added += 1
            try ledger.saveMember(record, person: personID, branch: branch, isNew: true, at: now)
        }
        touched.append(personID)
        for point in record.contactPoints { try ledger.saveContact(point, of: personID, at: now) }
    }

    /// The one current elector, not yet a member, with this name at this postcode (and date of
    /// birth when both are known). Two candidates are ambiguous: no link rather than a wrong one.
    func linkToElector(_ record: MembershipRecord) throws -> Int64? {
        guard !record.address.postcode.isEmpty else { return nil }
        let candidates = try ledger.linkCandidates(nameKey: record.name.matchKey, postcode: record.address.postcode).filter { candidate in
            guard let dob = record.dateOfBirth?.description, let theirs = candidate.dateOfBirth else { return true }
            return dob == theirs
        }
        guard candidates.count == 1 else { return nil }
        if let dob = record.dateOfBirth { try ledger.addDateOfBirth(dob, to: candidates[0].id) }
        return candidates[0].id
    }

    mutating func finish() throws -> (ImportReport, AuditEvent) {
        report.households = households.created
        if report.problems.isEmpty { try ledger.touch(touched) }
        return (report, AuditEvent(
            actor: options.actor, action: .import, purpose: options.purpose, outcome: report.problems.isEmpty ? .allowed : .failed,
            detail: "members \(options.file): \(report.rows) rows, \(report.added) added, \(report.linked) linked, \(report.changed) changed"
                + (options.dryRun ? " (dry run)" : ""),
            dataClasses: [.identity, .contact, .membership, .financial]))
    }
}
