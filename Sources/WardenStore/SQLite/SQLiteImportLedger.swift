import Foundation
import GRDB
import WardenCore

/// The imports' primitives on SQLite, inside the import's transaction: the statements run once
/// a row keep their compiled handles (``BulkStatement``), as a first register import runs each
/// a million times; the rest are the statements both engines run (``SessionImportLedger``).
final class SQLiteImportLedger {
    let db: Database
    private let shared: SessionImportLedger<SQLiteVersions>
    private var personInsert: BulkStatement?
    private var electorInsert: BulkStatement?
    private var householdInsert: BulkStatement?

    init(_ db: Database) {
        self.db = db
        shared = SessionImportLedger(SQLiteSession(db: db), versions: SQLiteVersions(db))
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
        try shared.placeHousehold(id, in: district)
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
        try shared.pollingDistricts()
    }

    func hasCurrentElectors() throws -> Bool {
        try shared.hasCurrentElectors()
    }

    func hasHouseholds() throws -> Bool {
        try shared.hasHouseholds()
    }

    func hasPeople() throws -> Bool {
        try shared.hasPeople()
    }
    func hasSuppressions() throws -> Bool { try shared.hasSuppressions() }
    func isSuppressed(_ hashes: [[UInt8]]) throws -> Bool { try shared.isSuppressed(hashes) }

    /// Drops the secondary indexes to build each once at the end: sorting a million rows once
    /// is several times cheaper than a million random inserts.
    func beginBulkLoad() throws {
        try shared.beginBulkLoad()
    }

    func endBulkLoad() throws {
        try shared.endBulkLoad()
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
        try shared.endElector(id, by: importID)
    }

    func updatePerson(_ id: Int64, from entry: RegisterEntry, household: Int64?, at instant: Timestamp) throws {
        try shared.updatePerson(id, from: entry, household: household, at: instant)
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
        try shared.endElectors(in: districts, notIn: importID)
    }

    func finishRegisterImport(_ importID: Int64, report: ImportReport) throws {
        try shared.finishRegisterImport(importID, report: report)
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
        try shared.wards()
    }

    func member(number: String) throws -> StoredMember? {
        try shared.member(number: number)
    }

    func saveMember(_ record: MembershipRecord, person: Int64, branch: Int64?, isNew: Bool, at instant: Timestamp) throws {
        try shared.saveMember(record, person: person, branch: branch, isNew: isNew, at: instant)
    }

    func linkCandidates(nameKey: String, postcode: String) throws -> [(id: Int64, dateOfBirth: String?)] {
        try shared.linkCandidates(nameKey: nameKey, postcode: postcode)
    }

    func addDateOfBirth(_ date: CalendarDate, to person: Int64) throws {
        try shared.addDateOfBirth(date, to: person)
    }

    func saveContact(_ point: ContactPoint, of person: Int64, at instant: Timestamp) throws {
        try shared.saveContact(point, of: person, at: instant)
    }
}
