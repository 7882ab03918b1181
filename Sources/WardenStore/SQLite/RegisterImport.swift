import GRDB
public import WardenCore

extension SQLiteStore {
    @_spi(Gate) public func importRegister(
        _ lines: some Sequence<ImportLine<RegisterEntry>>, options: ImportOptions, progress: (Int) -> Void
    ) async throws -> ImportReport {
        try runImport(lines, options: options, progressEvery: 10_000, progress: progress) { db in
            try RegisterImportRun(db: db, options: options)
        }
    }
}

/// One register import inside one transaction: households, matching, elector entries.
///
/// Matching keeps history: an entry is matched to an existing current elector by name and
/// date of birth and/or address, and then the person (with everything recorded about them)
/// carries on under the new elector number. Anonymous entries are never matched by name.
struct RegisterImportRun: ImportRun {
    let db: Database
    let options: ImportOptions
    let importID: Int64
    let now: String
    var report: ImportReport
    var districts: [String: Int64] = [:]
    var households = HouseholdCache()
    var touchedDistricts: Set<Int64> = []
    /// Whether any elector existed before: a first import skips matching entirely.
    let mayMatch: Bool
    /// A first import into empty tables: secondary indexes are rebuilt once at the end.
    let bulkLoad: Bool

    init(db: Database, options: ImportOptions) throws {
        self.db = db
        self.options = options
        now = Timestamp.now.description
        report = ImportReport(file: options.file, layout: options.layout)
        report.dryRun = options.dryRun
        try db.execute(sql: "INSERT INTO register_import (file_name, layout, imported_at, imported_by) VALUES (?, ?, ?, ?)",
                       arguments: [options.file, options.layout, now, options.actor.label])
        importID = db.lastInsertedRowID
        for row in try Row.fetchAll(db, sql: "SELECT id, code FROM area WHERE level = 'polling_district'") {
            districts[(row["code"] as String).uppercased()] = row["id"]
        }
        mayMatch = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM elector WHERE current = 1)") ?? false
        households.knownEmpty = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM household)") ?? false
        bulkLoad = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM person)") ?? false
        if bulkLoad {
            for index in Schema.bulkLoadIndexes { try db.execute(sql: "DROP INDEX \(index.name)") }
        }
        // A register is a bulk write: a larger page cache keeps its index pages in memory.
        try db.execute(sql: "PRAGMA cache_size = -262144")
    }

    mutating func apply(_ line: ImportLine<RegisterEntry>) throws {
        report.rows += 1
        let entry: RegisterEntry
        switch line.result {
        case .problems(let problems):
            report.problems += problems
            return
        case .value(let value):
            entry = value
        }
        guard let district = districts[entry.pollingDistrict] else {
            report.problems.append(ImportProblem(
                file: options.file, line: line.line, field: "polling district",
                problem: "not a known polling district (import the areas first)"))
            return
        }
        touchedDistricts.insert(district)
        let household = entry.address.isEmpty ? nil : try households.id(for: entry.address, key: entry.householdKey, district: district, db: db)
        let personID: Int64
        if let match = mayMatch && !entry.isAnonymous ? try findMatch(entry, householdID: household) : nil {
            personID = match.personID
            try update(match, with: entry, householdID: household)
        } else {
            personID = try insertPerson(entry, householdID: household)
            report.added += 1
        }
        do {
            let insert = BulkStatement(try db.cachedStatement(sql: """
                INSERT INTO elector (person_id, register_import_id, polling_district_id, prefix, number, suffix, markers,
                                     franchise, attainer_date, anonymous, opted_out)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """))
            insert.bind(1, personID)
            insert.bind(2, importID)
            insert.bind(3, district)
            insert.bind(4, entry.number.prefix)
            insert.bind(5, entry.number.number)
            insert.bind(6, entry.number.suffix)
            insert.bind(7, entry.markers)
            insert.bind(8, entry.franchise)
            insert.bind(9, entry.attainerDate?.description)
            insert.bind(10, entry.isAnonymous)
            insert.bind(11, entry.optedOut)
            try insert.execute()
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            report.problems.append(ImportProblem(
                file: options.file, line: line.line, field: "elector number",
                problem: "appears more than once in this file"))
        }
    }

    /// Ends the entries of electors in the covered districts who were not in this file, and
    /// records the import.
    mutating func finish() throws -> (ImportReport, AuditEvent) {
        if bulkLoad {
            for index in Schema.bulkLoadIndexes { try db.execute(sql: index.create) }
        }
        if !touchedDistricts.isEmpty {
            let list = touchedDistricts.map(String.init).joined(separator: ",")
            try db.execute(sql: """
                UPDATE elector SET current = 0, ended_by_import_id = ?
                WHERE current = 1 AND register_import_id != ? AND polling_district_id IN (\(list))
                """, arguments: [importID, importID])
            report.removed = db.changesCount
        }
        report.households = households.created
        try db.execute(sql: "UPDATE register_import SET rows = ?, added = ?, changed = ?, unchanged = ?, removed = ? WHERE id = ?",
                       arguments: [report.rows, report.added, report.changed, report.unchanged, report.removed, importID])
        if report.problems.isEmpty {
            try SQLiteLedger.prepareTouched(db)
            try db.execute(sql: """
                INSERT OR IGNORE INTO temp.touched_person (person_id)
                SELECT person_id FROM elector WHERE register_import_id = ? OR ended_by_import_id = ?
                """, arguments: [importID, importID])
        }
        var audit = AuditEvent(
            actor: options.actor, action: .import, purpose: options.purpose, outcome: report.problems.isEmpty ? .allowed : .failed,
            detail: "register \(options.file): \(report.rows) rows, \(report.added) added, \(report.changed) changed, \(report.removed) removed",
            dataClasses: [.identity, .contact])
        audit.detail += options.dryRun ? " (dry run)" : ""
        return (report, audit)
    }

    struct Match {
        var electorID: Int64
        var personID: Int64
        var number: ElectorNumber
        var markers: String
        var dateOfBirth: String?
        var householdID: Int64?
        var name: PersonName
    }

    /// The best current elector for `entry`: same name, and the same date of birth or the
    /// same address (both when possible). A conflicting date of birth rules a candidate out.
    /// Two indexed lookups (name + household, name + date of birth), so common names cost no scan.
    func findMatch(_ entry: RegisterEntry, householdID: Int64?) throws -> Match? {
        let select = """
            SELECT e.id, e.person_id, e.prefix, e.number, e.suffix, e.markers,
                   p.date_of_birth, p.household_id, p.title, p.forenames, p.surname
            FROM person p JOIN elector e ON e.person_id = p.id AND e.current = 1 AND e.register_import_id != ?
            """
        var rows: [Row] = []
        if let householdID {
            rows += try Row.fetchAll(db.cachedStatement(sql: select + " WHERE p.name_key = ? AND p.household_id = ? ORDER BY e.id"),
                                     arguments: [importID, entry.matchKey, householdID])
        }
        if let dob = entry.dateOfBirth {
            rows += try Row.fetchAll(db.cachedStatement(sql: select + " WHERE p.name_key = ? AND p.date_of_birth = ? ORDER BY e.id"),
                                     arguments: [importID, entry.matchKey, dob.description])
        }
        var best: (score: Int, match: Match)?
        let dob = entry.dateOfBirth?.description
        for row in rows {
            let candidateDOB: String? = row["date_of_birth"]
            let candidateHousehold: Int64? = row["household_id"]
            var score = 0
            if let dob, let candidateDOB {
                guard dob == candidateDOB else { continue }
                score += 2
            }
            if let householdID, householdID == candidateHousehold { score += 1 }
            guard score > 0, score > (best?.score ?? 0) else { continue }
            best = (score, Match(
                electorID: row["id"], personID: row["person_id"],
                number: ElectorNumber(prefix: row["prefix"], number: row["number"], suffix: row["suffix"]),
                markers: row["markers"], dateOfBirth: candidateDOB, householdID: candidateHousehold,
                name: PersonName(title: row["title"], forenames: row["forenames"], surname: row["surname"])))
        }
        return best?.match
    }

    mutating func update(_ match: Match, with entry: RegisterEntry, householdID: Int64?) throws {
        var kinds: [String] = []
        if match.number != entry.number { kinds.append("renumbered") }
        if match.householdID != householdID { kinds.append("moved") }
        if match.name != entry.name { kinds.append("renamed") }
        if match.dateOfBirth == nil && entry.dateOfBirth != nil { kinds.append("date of birth added") }
        if match.markers != entry.markers { kinds.append("markers changed") }
        try db.cachedStatement(sql: "UPDATE elector SET current = 0, ended_by_import_id = ? WHERE id = ?")
            .execute(arguments: [importID, match.electorID])
        if kinds.isEmpty {
            report.unchanged += 1
            return
        }
        report.changed += 1
        for kind in kinds { report.changes[kind, default: 0] += 1 }
        try db.cachedStatement(sql: """
            UPDATE person SET title = ?, forenames = ?, surname = ?, name_key = ?,
                date_of_birth = COALESCE(?, date_of_birth), household_id = ?, updated_at = ?
            WHERE id = ?
            """).execute(arguments: [
                entry.name.title, entry.name.forenames, entry.name.surname, entry.matchKey, entry.dateOfBirth?.description, householdID, now, match.personID,
            ])
    }

    func insertPerson(_ entry: RegisterEntry, householdID: Int64?) throws -> Int64 {
        let insert = BulkStatement(try db.cachedStatement(sql: """
            INSERT INTO person (title, forenames, surname, name_key, date_of_birth, household_id, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """))
        insert.bind(1, entry.name.title)
        insert.bind(2, entry.name.forenames)
        insert.bind(3, entry.name.surname)
        insert.bind(4, entry.isAnonymous ? nil : entry.matchKey)
        insert.bind(5, entry.dateOfBirth?.description)
        insert.bind(6, householdID)
        insert.bind(7, now)
        insert.bind(8, now)
        try insert.execute()
        return db.lastInsertedRowID
    }
}

/// Finds or creates households by address key, remembering them for the rest of the file.
struct HouseholdCache {
    private var ids: [String: Int64] = [:]
    private(set) var created = 0
    /// Set when the table was empty at the start: every household is then in `ids` once
    /// seen, and a miss needs no query.
    var knownEmpty = false

    /// The household at `address` (whose ``Address/householdKey`` is `key`); placed in
    /// `district` if it was not placed there yet.
    mutating func id(for address: Address, key: String, district: Int64?, db: Database) throws -> Int64 {
        if let id = ids[key] { return id }
        if !knownEmpty, let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, polling_district_id FROM household WHERE address_key = ?"),
                                      arguments: [key]) {
            let id: Int64 = row["id"]
            let placed: Int64? = row["polling_district_id"]
            if let district, placed != district {
                try db.execute(sql: "UPDATE household SET polling_district_id = ? WHERE id = ?", arguments: [district, id])
            }
            ids[key] = id
            return id
        }
        let insert = BulkStatement(try db.cachedStatement(sql: """
            INSERT INTO household (address_key, lines, postcode, house_number, polling_district_id) VALUES (?, ?, ?, ?, ?)
            """))
        insert.bind(1, key)
        insert.bind(2, address.lines.joined(separator: "\n"))
        insert.bind(3, address.postcode)
        insert.bind(4, address.houseNumber)
        insert.bind(5, district)
        try insert.execute()
        let id = db.lastInsertedRowID
        ids[key] = id
        created += 1
        return id
    }
}
