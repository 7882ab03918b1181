import GRDB
public import WardenCore

extension SQLiteStore {
    @_spi(Gate) public func importMembers(
        _ lines: some Sequence<ImportLine<MembershipRecord>>, options: ImportOptions, progress: (Int) -> Void
    ) async throws -> ImportReport {
        try runImport(lines, options: options, progressEvery: 1_000, progress: progress) { db in
            try MemberImportRun(db: db, options: options)
        }
    }
}

/// One membership import inside one transaction.
///
/// A member already known by membership number is updated; a new one is linked to the
/// current elector with the same name at the same postcode (and date of birth, where both
/// have one), or else becomes a new person at their own address.
struct MemberImportRun: ImportRun {
    let db: Database
    let options: ImportOptions
    let now: String
    var report: ImportReport
    var households = HouseholdCache()
    var wards: [String: Int64] = [:]
    var seenNumbers: [String: Int] = [:]
    /// People this file created, linked or updated: each may need a new version.
    var touched: [Int64] = []

    init(db: Database, options: ImportOptions) throws {
        self.db = db
        self.options = options
        now = Timestamp.now.description
        report = ImportReport(file: options.file, layout: options.layout)
        report.dryRun = options.dryRun
        for row in try Row.fetchAll(db, sql: "SELECT id, code, name FROM area WHERE level = 'ward'") {
            wards[Normalize.letters(row["code"] as String)] = row["id"]
            wards[Normalize.letters(row["name"] as String)] = row["id"]
        }
    }

    mutating func apply(_ line: ImportLine<MembershipRecord>) throws {
        report.rows += 1
        let record: MembershipRecord
        switch line.result {
        case .problems(let problems):
            report.problems += problems
            return
        case .value(let value):
            record = value
        }
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
        if let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT person_id, status, joined_on, status_since, branch_area_id, dues_pence, dues_frequency FROM member WHERE membership_number = ?"),
            arguments: [record.membershipNumber]) {
            personID = existing["person_id"]
            let changed = (existing["status"] as String) != record.status.rawValue
                || (existing["joined_on"] as String?) != record.joinedOn?.description
                || (existing["status_since"] as String?) != record.statusSince?.description
                || (existing["branch_area_id"] as Int64?) != branch
                || (existing["dues_pence"] as Int?) != record.dues?.pence
            if changed { report.changed += 1 } else { report.unchanged += 1 }
            if (existing["status"] as String) != record.status.rawValue { report.changes["status", default: 0] += 1 }
            try db.cachedStatement(sql: """
                UPDATE member SET status = ?, joined_on = ?, status_since = ?, branch_area_id = ?, dues_pence = ?,
                    dues_frequency = ?, updated_at = ? WHERE person_id = ?
                """).execute(arguments: memberArguments(record, branch: branch) + [personID])
        } else {
            if let linked = try linkToElector(record) {
                personID = linked
                report.linked += 1
            } else {
                let household = record.address.isEmpty ? nil : try households.id(for: record.address, key: record.address.householdKey, district: nil, db: db)
                try db.cachedStatement(sql: """
                    INSERT INTO person (title, forenames, surname, name_key, date_of_birth, household_id, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [
                        record.name.title, record.name.forenames, record.name.surname, record.name.matchKey, record.dateOfBirth?.description, household, now, now,
                    ])
                personID = db.lastInsertedRowID
            }
            report.added += 1
            try db.cachedStatement(sql: """
                INSERT INTO member (status, joined_on, status_since, branch_area_id, dues_pence, dues_frequency, updated_at,
                                    person_id, membership_number)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: memberArguments(record, branch: branch) + [personID, record.membershipNumber])
        }
        touched.append(personID)
        for point in record.contactPoints {
            try db.cachedStatement(sql: """
                INSERT INTO contact_point (person_id, kind, value, source, consent, created_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (person_id, kind, value) DO UPDATE SET consent = excluded.consent
                """).execute(arguments: [
                    personID, point.kind.rawValue, point.value, point.source.rawValue,
                    point.consent.sorted().map(\.rawValue).joined(separator: ","), now,
                ])
        }
    }

    private func memberArguments(_ record: MembershipRecord, branch: Int64?) -> StatementArguments {
        [record.status.rawValue, record.joinedOn?.description, record.statusSince?.description, branch,
         record.dues?.pence, record.dues?.frequency.rawValue, now]
    }

    /// The one current elector, not yet a member, with this name at this postcode (and date of
    /// birth when both are known). Two candidates are ambiguous: no link rather than a wrong one.
    func linkToElector(_ record: MembershipRecord) throws -> Int64? {
        guard !record.address.postcode.isEmpty else { return nil }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT p.id, p.date_of_birth FROM person p
            JOIN household h ON h.id = p.household_id
            JOIN elector e ON e.person_id = p.id AND e.current = 1
            WHERE p.name_key = ? AND h.postcode = ?
              AND NOT EXISTS (SELECT 1 FROM member m WHERE m.person_id = p.id)
            """), arguments: [record.name.matchKey, record.address.postcode])
        let candidates = rows.filter { row in
            guard let dob = record.dateOfBirth?.description, let theirs = row["date_of_birth"] as String? else { return true }
            return dob == theirs
        }
        guard candidates.count == 1 else { return nil }
        let id: Int64 = candidates[0]["id"]
        if let dob = record.dateOfBirth?.description {
            try db.execute(sql: "UPDATE person SET date_of_birth = COALESCE(date_of_birth, ?) WHERE id = ?", arguments: [dob, id])
        }
        return id
    }

    mutating func finish() throws -> (ImportReport, AuditEvent) {
        report.households = households.created
        if report.problems.isEmpty { try SQLiteLedger.touch(touched, db) }
        return (report, AuditEvent(
            actor: options.actor, action: .import, purpose: options.purpose, outcome: report.problems.isEmpty ? .allowed : .failed,
            detail: "members \(options.file): \(report.rows) rows, \(report.added) added, \(report.linked) linked, \(report.changed) changed"
                + (options.dryRun ? " (dry run)" : ""),
            dataClasses: [.identity, .contact, .membership, .financial]))
    }
}
