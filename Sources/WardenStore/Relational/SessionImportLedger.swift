import WardenCore

/// The imports' lookups and changes to stored rows as statements both engines run, inside the
/// import's transaction. The rows an import adds each engine sends its own way: SQLite through
/// compiled handles kept for the million inserts of a first register (``SQLiteImportLedger``),
/// PostgreSQL with `COPY` (``PostgresImportLedger``).
final class SessionImportLedger<Versions: VersionLedger> {
    let sql: any SQLSession
    let versions: Versions

    init(_ sql: any SQLSession, versions: Versions) {
        self.sql = sql
        self.versions = versions
    }
}

extension SessionImportLedger {
    func household(key: String) throws -> (id: Int64, district: Int64?)? {
        try sql.row("SELECT id, polling_district_id FROM household WHERE address_key = ?", key).map { (try $0.integer(0), try $0.optionalInteger(1)) }
    }

    func placeHousehold(_ id: Int64, in district: Int64) throws {
        try sql.execute("UPDATE household SET polling_district_id = ? WHERE id = ?", district, id)
    }

    func touch(_ people: some Sequence<Int64>) throws {
        try versions.touch(people)
    }
}

extension SessionImportLedger {
    func beginRegisterImport(file: String, layout: String, by actor: String, at instant: Timestamp) throws -> Int64 {
        try sql.insert("INSERT INTO register_import (file_name, layout, imported_at, imported_by) VALUES (?, ?, ?, ?) RETURNING id",
                       file, layout, instant, actor)
    }

    func pollingDistricts() throws -> [(code: String, id: Int64)] {
        try sql.rows("SELECT id, code FROM area WHERE level = 'polling_district'").map { (try $0.text(1), try $0.integer(0)) }
    }

    func hasCurrentElectors() throws -> Bool {
        try sql.row("SELECT EXISTS (SELECT 1 FROM elector WHERE current = 1)")?.bool(0) ?? false
    }

    func hasHouseholds() throws -> Bool {
        try sql.row("SELECT EXISTS (SELECT 1 FROM household)")?.bool(0) ?? false
    }

    func hasPeople() throws -> Bool {
        try sql.row("SELECT EXISTS (SELECT 1 FROM person)")?.bool(0) ?? false
    }

    func hasSuppressions() throws -> Bool {
        try sql.row("SELECT EXISTS (SELECT 1 FROM suppression)")?.bool(0) ?? false
    }

    func isSuppressed(_ hashes: [[UInt8]]) throws -> Bool {
        try ErasureExecution.isSuppressed(hashes, sql)
    }

    /// Drops the secondary indexes (``Schema/bulkLoadIndexes``, the same on both engines) to
    /// build each once at the end.
    func beginBulkLoad() throws {
        for index in Schema.bulkLoadIndexes { try sql.execute("DROP INDEX \(index.name)") }
    }

    func endBulkLoad() throws {
        for index in Schema.bulkLoadIndexes { try sql.execute(index.create) }
    }

    private static var candidateSelect: String { """
        SELECT e.id, e.person_id, e.prefix, e.number, e.suffix, e.markers, p.date_of_birth, p.household_id, p.title, p.forenames, p.surname
        FROM person p JOIN elector e ON e.person_id = p.id AND e.current = 1 AND e.register_import_id != ?
        """ }

    func candidates(nameKey: String, household: Int64, otherThan importID: Int64) throws -> [ElectorCandidate] {
        try sql.rows(Self.candidateSelect + " WHERE p.name_key = ? AND p.household_id = ? ORDER BY e.id", importID, nameKey, household)
            .map(Self.candidate)
    }

    func candidates(nameKey: String, dateOfBirth: CalendarDate, otherThan importID: Int64) throws -> [ElectorCandidate] {
        try sql.rows(Self.candidateSelect + " WHERE p.name_key = ? AND p.date_of_birth = ? ORDER BY e.id", importID, nameKey, dateOfBirth.description)
            .map(Self.candidate)
    }

    private static func candidate(_ row: SQLRow) throws -> ElectorCandidate {
        ElectorCandidate(
            electorID: try row.integer(0), personID: try row.integer(1),
            number: ElectorNumber(prefix: try row.text(2), number: try row.int(3), suffix: try row.int(4)),
            markers: try row.text(5), dateOfBirth: try row.optionalText(6), householdID: try row.optionalInteger(7),
            name: PersonName(title: try row.optionalText(8), forenames: try row.text(9), surname: try row.text(10)))
    }

    func endElector(_ id: Int64, by importID: Int64) throws {
        try sql.execute("UPDATE elector SET current = 0, ended_by_import_id = ? WHERE id = ?", importID, id)
    }

    func updatePerson(_ id: Int64, from entry: RegisterEntry, household: Int64?, at instant: Timestamp) throws {
        try sql.execute("""
            UPDATE person SET title = ?, forenames = ?, surname = ?, name_key = ?,
                date_of_birth = COALESCE(?, date_of_birth), household_id = ?, updated_at = ?
            WHERE id = ?
            """, entry.name.title, entry.name.forenames, entry.name.surname, entry.matchKey, entry.dateOfBirth?.description, household,
            instant, id)
    }

    func endElectors(in districts: Set<Int64>, notIn importID: Int64) throws -> Int {
        try sql.execute("""
            UPDATE elector SET current = 0, ended_by_import_id = ?1
            WHERE current = 1 AND register_import_id != ?1 AND polling_district_id IN (\(districts.map(String.init).joined(separator: ",")))
            """, importID)
    }

    func finishRegisterImport(_ importID: Int64, report: ImportReport) throws {
        try sql.execute("UPDATE register_import SET rows = ?, added = ?, changed = ?, unchanged = ?, removed = ? WHERE id = ?",
                        report.rows, report.added, report.changed, report.unchanged, report.removed, importID)
    }

    func touchPeople(of importID: Int64) throws {
        try versions.touch(sql.rows("SELECT person_id FROM elector WHERE register_import_id = ?1 OR ended_by_import_id = ?1", importID)
            .map { try $0.integer(0) })
    }
}

extension SessionImportLedger {
    func wards() throws -> [(code: String, name: String, id: Int64)] {
        try sql.rows("SELECT id, code, name FROM area WHERE level = 'ward'").map { (try $0.text(1), try $0.text(2), try $0.integer(0)) }
    }

    func member(number: String) throws -> StoredMember? {
        try sql.row("""
            SELECT person_id, status, joined_on, status_since, branch_area_id, dues_pence FROM member WHERE membership_number = ?
            """, number).map { row in
            StoredMember(personID: try row.integer(0), status: try row.text(1), joinedOn: try row.optionalText(2),
                         statusSince: try row.optionalText(3), branchAreaID: try row.optionalInteger(4), duesPence: try row.optionalInteger(5).map(Int.init))
        }
    }

    func saveMember(_ record: MembershipRecord, person: Int64, branch: Int64?, isNew: Bool, at instant: Timestamp) throws {
        let values = ImportRows.member(record, person: person, branch: branch, at: instant)
        if isNew {
            try sql.execute(ImportRows.insert(into: "member", ImportRows.member), values)
        } else {
            let set = ImportRows.member.dropLast(2).map { "\($0) = ?" }.joined(separator: ", ")
            try sql.execute("UPDATE member SET \(set) WHERE person_id = ?", Array(values.dropLast()))
        }
    }

    func linkCandidates(nameKey: String, postcode: String) throws -> [(id: Int64, dateOfBirth: String?)] {
        try sql.rows("""
            SELECT p.id, p.date_of_birth FROM person p
            JOIN household h ON h.id = p.household_id
            JOIN elector e ON e.person_id = p.id AND e.current = 1
            WHERE p.name_key = ? AND h.postcode = ?
              AND NOT EXISTS (SELECT 1 FROM member m WHERE m.person_id = p.id)
            """, nameKey, postcode).map { (try $0.integer(0), try $0.optionalText(1)) }
    }

    func addDateOfBirth(_ date: CalendarDate, to person: Int64) throws {
        try sql.execute("UPDATE person SET date_of_birth = COALESCE(date_of_birth, ?) WHERE id = ?", date.description, person)
    }

    func saveContact(_ point: ContactPoint, of person: Int64, at instant: Timestamp) throws {
        try sql.execute(ImportRows.insert(into: "contact_point", ImportRows.contact)
                        + " ON CONFLICT (person_id, kind, value) DO UPDATE SET consent = excluded.consent",
                        ImportRows.contact(point, of: person, at: instant))
    }
}
