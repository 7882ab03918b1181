import Foundation
import GRDB
import WardenCore

/// The imports' primitives as SQLite statements, inside the import's transaction. The
/// statements run once a row keep their compiled handles (``BulkStatement``): a first
/// register import runs each a million times.
final class SQLiteImportLedger {
    let db: Database
    private var personInsert: BulkStatement?
    private var electorInsert: BulkStatement?
    private var householdInsert: BulkStatement?

    init(_ db: Database) {
        self.db = db
    }

    private func bulk(_ statement: inout BulkStatement?, _ sql: String) throws -> BulkStatement {
        if let statement { return statement }
        let made = BulkStatement(try db.cachedStatement(sql: sql))
        statement = made
        return made
    }
}

extension SQLiteImportLedger: ImportLedger {
    func household(key: String) throws -> (id: Int64, district: Int64?)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT id, polling_district_id FROM household WHERE address_key = ?"), arguments: [key])
            .map { ($0["id"], $0["polling_district_id"]) }
    }

    func placeHousehold(_ id: Int64, in district: Int64) throws {
        try db.execute(sql: "UPDATE household SET polling_district_id = ? WHERE id = ?", arguments: [district, id])
    }

    func addHousehold(key: String, address: Address, district: Int64?) throws -> Int64 {
        let insert = try bulk(&householdInsert, """
            INSERT INTO household (address_key, lines, postcode, house_number, polling_district_id) VALUES (?, ?, ?, ?, ?)
            """)
        insert.bind(1, key)
        insert.bind(2, address.lines.joined(separator: "\n"))
        insert.bind(3, address.postcode)
        insert.bind(4, address.houseNumber)
        insert.bind(5, district)
        try insert.execute()
        return db.lastInsertedRowID
    }

    func addPerson(_ name: PersonName, nameKey: String?, dateOfBirth: CalendarDate?, household: Int64?, at instant: Timestamp) throws -> Int64 {
        let insert = try bulk(&personInsert, """
            INSERT INTO person (title, forenames, surname, name_key, date_of_birth, household_id, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let now = instant.description
        insert.bind(1, name.title)
        insert.bind(2, name.forenames)
        insert.bind(3, name.surname)
        insert.bind(4, nameKey)
        insert.bind(5, dateOfBirth?.description)
        insert.bind(6, household)
        insert.bind(7, now)
        insert.bind(8, now)
        try insert.execute()
        return db.lastInsertedRowID
    }

    func touch(_ people: some Sequence<Int64>) throws {
        try SQLiteVersions.touch(people, db)
    }
}

extension SQLiteImportLedger: RegisterLedger {
    /// Also enlarges the page cache: a register is a bulk write, and its index pages should
    /// stay in memory (the store gives the memory back when the import ends).
    func beginRegisterImport(file: String, layout: String, by actor: String, at instant: Timestamp) throws -> Int64 {
        try db.execute(sql: "PRAGMA cache_size = -262144")
        try db.execute(sql: "INSERT INTO register_import (file_name, layout, imported_at, imported_by) VALUES (?, ?, ?, ?)",
                       arguments: [file, layout, instant.description, actor])
        return db.lastInsertedRowID
    }

    func pollingDistricts() throws -> [(code: String, id: Int64)] {
        try Row.fetchAll(db, sql: "SELECT id, code FROM area WHERE level = 'polling_district'").map { ($0["code"], $0["id"]) }
    }

    func hasCurrentElectors() throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM elector WHERE current = 1)") ?? false
    }

    func hasHouseholds() throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM household)") ?? false
    }

    func hasPeople() throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM person)") ?? false
    }

    /// Drops the secondary indexes (``Schema/bulkLoadIndexes``) to build each once at the end:
    /// sorting a million rows once is several times cheaper than a million random inserts.
    func beginBulkLoad() throws {
        for index in Schema.bulkLoadIndexes { try db.execute(sql: "DROP INDEX \(index.name)") }
    }

    func endBulkLoad() throws {
        for index in Schema.bulkLoadIndexes { try db.execute(sql: index.create) }
    }

    private static let candidateSelect = """
        SELECT e.id, e.person_id, e.prefix, e.number, e.suffix, e.markers, p.date_of_birth, p.household_id, p.title, p.forenames, p.surname
        FROM person p JOIN elector e ON e.person_id = p.id AND e.current = 1 AND e.register_import_id != ?
        """

    func candidates(nameKey: String, household: Int64, otherThan importID: Int64) throws -> [ElectorCandidate] {
        try Row.fetchAll(db.cachedStatement(sql: Self.candidateSelect + " WHERE p.name_key = ? AND p.household_id = ? ORDER BY e.id"),
                         arguments: [importID, nameKey, household]).map(Self.candidate)
    }

    func candidates(nameKey: String, dateOfBirth: CalendarDate, otherThan importID: Int64) throws -> [ElectorCandidate] {
        try Row.fetchAll(db.cachedStatement(sql: Self.candidateSelect + " WHERE p.name_key = ? AND p.date_of_birth = ? ORDER BY e.id"),
                         arguments: [importID, nameKey, dateOfBirth.description]).map(Self.candidate)
    }

    private static func candidate(_ row: Row) -> ElectorCandidate {
        ElectorCandidate(
            electorID: row["id"], personID: row["person_id"],
            number: ElectorNumber(prefix: row["prefix"], number: row["number"], suffix: row["suffix"]),
            markers: row["markers"], dateOfBirth: row["date_of_birth"], householdID: row["household_id"],
            name: PersonName(title: row["title"], forenames: row["forenames"], surname: row["surname"]))
    }

    func endElector(_ id: Int64, by importID: Int64) throws {
        try db.cachedStatement(sql: "UPDATE elector SET current = 0, ended_by_import_id = ? WHERE id = ?").execute(arguments: [importID, id])
    }

    func updatePerson(_ id: Int64, from entry: RegisterEntry, household: Int64?, at instant: Timestamp) throws {
        try db.cachedStatement(sql: """
            UPDATE person SET title = ?, forenames = ?, surname = ?, name_key = ?,
                date_of_birth = COALESCE(?, date_of_birth), household_id = ?, updated_at = ?
            WHERE id = ?
            """).execute(arguments: [
                entry.name.title, entry.name.forenames, entry.name.surname, entry.matchKey, entry.dateOfBirth?.description, household,
                instant.description, id,
            ])
    }

    func addElector(_ entry: RegisterEntry, person: Int64, district: Int64, importID: Int64) throws -> Bool {
        let insert = try bulk(&electorInsert, """
            INSERT INTO elector (person_id, register_import_id, polling_district_id, prefix, number, suffix, markers,
                                 franchise, attainer_date, anonymous, opted_out)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insert.bind(1, person)
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
        do {
            try insert.execute()
            return true
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            return false
        }
    }

    func endElectors(in districts: Set<Int64>, notIn importID: Int64) throws -> Int {
        let list = districts.map(String.init).joined(separator: ",")
        try db.execute(sql: """
            UPDATE elector SET current = 0, ended_by_import_id = ?
            WHERE current = 1 AND register_import_id != ? AND polling_district_id IN (\(list))
            """, arguments: [importID, importID])
        return db.changesCount
    }

    func finishRegisterImport(_ importID: Int64, report: ImportReport) throws {
        try db.execute(sql: "UPDATE register_import SET rows = ?, added = ?, changed = ?, unchanged = ?, removed = ? WHERE id = ?",
                       arguments: [report.rows, report.added, report.changed, report.unchanged, report.removed, importID])
    }

    func touchPeople(of importID: Int64) throws {
        try SQLiteVersions.prepareTouched(db)
        try db.execute(sql: """
            INSERT OR IGNORE INTO temp.touched_person (person_id)
            SELECT person_id FROM elector WHERE register_import_id = ? OR ended_by_import_id = ?
            """, arguments: [importID, importID])
    }
}

extension SQLiteImportLedger: MemberLedger {
    func wards() throws -> [(code: String, name: String, id: Int64)] {
        try Row.fetchAll(db, sql: "SELECT id, code, name FROM area WHERE level = 'ward'").map { ($0["code"], $0["name"], $0["id"]) }
    }

    func member(number: String) throws -> StoredMember? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT person_id, status, joined_on, status_since, branch_area_id, dues_pence FROM member WHERE membership_number = ?
            """), arguments: [number]).map { row in
            StoredMember(personID: row["person_id"], status: row["status"], joinedOn: row["joined_on"], statusSince: row["status_since"],
                         branchAreaID: row["branch_area_id"], duesPence: row["dues_pence"])
        }
    }

    func saveMember(_ record: MembershipRecord, person: Int64, branch: Int64?, isNew: Bool, at instant: Timestamp) throws {
        let values: StatementArguments = [
            record.status.rawValue, record.joinedOn?.description, record.statusSince?.description, branch,
            record.dues?.pence, record.dues?.frequency.rawValue, instant.description, person,
        ]
        if isNew {
            try db.cachedStatement(sql: """
                INSERT INTO member (status, joined_on, status_since, branch_area_id, dues_pence, dues_frequency, updated_at,
                                    person_id, membership_number)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: values + [record.membershipNumber])
        } else {
            try db.cachedStatement(sql: """
                UPDATE member SET status = ?, joined_on = ?, status_since = ?, branch_area_id = ?, dues_pence = ?,
                    dues_frequency = ?, updated_at = ? WHERE person_id = ?
                """).execute(arguments: values)
        }
    }

    func linkCandidates(nameKey: String, postcode: String) throws -> [(id: Int64, dateOfBirth: String?)] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT p.id, p.date_of_birth FROM person p
            JOIN household h ON h.id = p.household_id
            JOIN elector e ON e.person_id = p.id AND e.current = 1
            WHERE p.name_key = ? AND h.postcode = ?
              AND NOT EXISTS (SELECT 1 FROM member m WHERE m.person_id = p.id)
            """), arguments: [nameKey, postcode]).map { ($0["id"], $0["date_of_birth"]) }
    }

    func addDateOfBirth(_ date: CalendarDate, to person: Int64) throws {
        try db.execute(sql: "UPDATE person SET date_of_birth = COALESCE(date_of_birth, ?) WHERE id = ?", arguments: [date.description, person])
    }

    func saveContact(_ point: ContactPoint, of person: Int64, at instant: Timestamp) throws {
        try db.cachedStatement(sql: """
            INSERT INTO contact_point (person_id, kind, value, source, consent, created_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (person_id, kind, value) DO UPDATE SET consent = excluded.consent
            """).execute(arguments: [
                person, point.kind.rawValue, point.value, point.source.rawValue,
                point.consent.sorted().map(\.rawValue).joined(separator: ","), instant.description,
            ])
    }
}
