import WardenCore

/// The imports' primitives on PostgreSQL: the rows an import adds (households, people, their
/// elector entries, new members and their contact points) are gathered with identifiers taken
/// ahead (``IdentityBlock``) and sent with `COPY … FROM STDIN`, PostgreSQL's bulk path, rather
/// than an `INSERT` each; lookups and changes to rows already stored are the statements both
/// engines run (``SessionImportLedger``).
///
/// No lookup of the import reads a row it has gathered and not sent: households it made are
/// remembered by ``Households``, matching and linking look only at electors of other imports,
/// and a membership number is looked up once per file. Everything that reads what the import
/// wrote (ending other entries, touching its people, rebuilding indexes) sends the rows first.
final class PostgresImportLedger {
    let session: PostgresSession
    private let shared: SessionImportLedger<PostgresVersions>
    private var householdIDs = IdentityBlock("household")
    private var personIDs = IdentityBlock("person")
    private var households = CopyBatch("household", ["id"] + ImportRows.household)
    private var people = CopyBatch("person", ["id"] + ImportRows.person)
    private var electors = CopyBatch("elector", ImportRows.elector)
    private var members = CopyBatch("member", ImportRows.member)
    private var contacts = CopyBatch("contact_point", ImportRows.contact)
    /// Foreign keys set aside for a first import (``beginBulkLoad()``).
    private var keysSetAside: [(table: String, name: String, definition: String)] = []
    /// Households gathered and not yet sent.
    private var gatheredHouseholds: Set<Int64> = []
    /// People this import added: their member rows and contact points cannot meet stored ones.
    private var added: Set<Int64> = []
    /// The elector numbers this import has entered: a second is refused here, where the
    /// database's unique index would fail the whole copy.
    private var numbers: Set<ElectorNumber> = []
    /// Where each gathered contact point is, so the same one again updates its consent.
    private var contactRows: [ContactKey: Int] = [:]

    private struct ContactKey: Hashable {
        let person: Int64
        let kind: String
        let value: String
    }

    /// How many rows are gathered before they are sent.
    static let batchRows = 50_000

    init(_ session: PostgresSession, versions: PostgresVersions) {
        self.session = session
        shared = SessionImportLedger(session, versions: versions)
    }

    private var gathered: Int { households.count + people.count + electors.count + members.count + contacts.count }

    /// Sends every gathered row, parents before the rows that refer to them.
    func flush() throws {
        try households.flush(into: session)
        gatheredHouseholds.removeAll(keepingCapacity: true)
        try people.flush(into: session)
        try electors.flush(into: session)
        try members.flush(into: session)
        try contacts.flush(into: session)
        contactRows.removeAll(keepingCapacity: true)
    }

    private func flushWhenFull() throws {
        if gathered >= Self.batchRows { try flush() }
    }
}

extension PostgresImportLedger: ImportLedger {
    func household(key: String) throws -> (id: Int64, district: Int64?)? {
        try shared.household(key: key)
    }

    func placeHousehold(_ id: Int64, in district: Int64) throws {
        try shared.placeHousehold(id, in: district)
    }

    func addHousehold(key: String, address: Address, district: Int64?) throws -> Int64 {
        let id = try householdIDs.next(session)
        gatheredHouseholds.insert(id)
        households.append([.integer(id)] + ImportRows.household(key: key, address: address, district: district))
        try flushWhenFull()
        return id
    }

    func addPerson(_ name: PersonName, nameKey: String?, dateOfBirth: CalendarDate?, household: Int64?, at instant: Timestamp) throws -> Int64 {
        let id = try personIDs.next(session)
        people.append([.integer(id)] + ImportRows.person(name, nameKey: nameKey, dateOfBirth: dateOfBirth, household: household, at: instant))
        added.insert(id)
        try flushWhenFull()
        return id
    }

    func touch(_ people: some Sequence<Int64>) throws {
        try flush()
        try shared.touch(people)
    }
}

extension PostgresImportLedger: RegisterLedger {
    func beginRegisterImport(file: String, layout: String, by actor: String, at instant: Timestamp) throws -> Int64 {
        try shared.beginRegisterImport(file: file, layout: layout, by: actor, at: instant)
    }

    func pollingDistricts() throws -> [(code: String, id: Int64)] { try shared.pollingDistricts() }
    func hasCurrentElectors() throws -> Bool { try shared.hasCurrentElectors() }
    func hasHouseholds() throws -> Bool { try shared.hasHouseholds() }
    func hasPeople() throws -> Bool { try shared.hasPeople() }
    func hasSuppressions() throws -> Bool { try shared.hasSuppressions() }
    func isSuppressed(_ hashes: [[UInt8]]) throws -> Bool { try shared.isSuppressed(hashes) }
    /// Also sets aside the foreign keys of the tables a first import fills, as PostgreSQL's
    /// advice for populating a database has it: checked row by row they cost more than the
    /// copy itself, and put back they are checked in one pass over the tables. Their
    /// definitions are read from the catalogue, so they come back exactly as they were; and if
    /// the import rolls back, so does setting them aside.
    func beginBulkLoad() throws {
        try shared.beginBulkLoad()
        keysSetAside = try session.rows("""
            SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint
            WHERE contype = 'f' AND conrelid IN ('household'::regclass, 'person'::regclass, 'elector'::regclass) ORDER BY 1, 2
            """, []).map { (table: try $0.text(0), name: try $0.text(1), definition: try $0.text(2)) }
        for key in keysSetAside { try session.execute("ALTER TABLE \(key.table) DROP CONSTRAINT \(key.name)", []) }
    }

    func endBulkLoad() throws {
        try flush()
        try shared.endBulkLoad()
        for key in keysSetAside { try session.execute("ALTER TABLE \(key.table) ADD CONSTRAINT \(key.name) \(key.definition)", []) }
        keysSetAside = []
    }

    func candidates(nameKey: String, household: Int64, otherThan importID: Int64) throws -> [ElectorCandidate] {
        try shared.candidates(nameKey: nameKey, household: household, otherThan: importID)
    }

    func candidates(nameKey: String, dateOfBirth: CalendarDate, otherThan importID: Int64) throws -> [ElectorCandidate] {
        try shared.candidates(nameKey: nameKey, dateOfBirth: dateOfBirth, otherThan: importID)
    }

    func endElector(_ id: Int64, by importID: Int64) throws {
        try shared.endElector(id, by: importID)
    }

    /// A matched person who moved refers to a household this import may have gathered: those
    /// are sent first.
    func updatePerson(_ id: Int64, from entry: RegisterEntry, household: Int64?, at instant: Timestamp) throws {
        if let household, gatheredHouseholds.contains(household) {
            try households.flush(into: session)
            gatheredHouseholds.removeAll(keepingCapacity: true)
        }
        try shared.updatePerson(id, from: entry, household: household, at: instant)
    }

    func addElector(_ entry: RegisterEntry, person: Int64, district: Int64, importID: Int64) throws -> Bool {
        guard numbers.insert(entry.number).inserted else { return false }
        electors.append(ImportRows.elector(entry, person: person, district: district, importID: importID))
        try flushWhenFull()
        return true
    }

    func endElectors(in districts: Set<Int64>, notIn importID: Int64) throws -> Int {
        try flush()
        return try shared.endElectors(in: districts, notIn: importID)
    }

    func finishRegisterImport(_ importID: Int64, report: ImportReport) throws {
        try flush()
        try shared.finishRegisterImport(importID, report: report)
    }

    func touchPeople(of importID: Int64) throws {
        try flush()
        try shared.touchPeople(of: importID)
    }
}

extension PostgresImportLedger: MemberLedger {
    func wards() throws -> [(code: String, name: String, id: Int64)] { try shared.wards() }

    func member(number: String) throws -> StoredMember? { try shared.member(number: number) }

    /// A new person's membership is gathered; a stored person's (linked to their elector
    /// entry, or a member already) is written at once, so linking the next record sees it.
    func saveMember(_ record: MembershipRecord, person: Int64, branch: Int64?, isNew: Bool, at instant: Timestamp) throws {
        guard isNew, added.contains(person) else {
            return try shared.saveMember(record, person: person, branch: branch, isNew: isNew, at: instant)
        }
        members.append(ImportRows.member(record, person: person, branch: branch, at: instant))
        try flushWhenFull()
    }

    func linkCandidates(nameKey: String, postcode: String) throws -> [(id: Int64, dateOfBirth: String?)] {
        try shared.linkCandidates(nameKey: nameKey, postcode: postcode)
    }

    func addDateOfBirth(_ date: CalendarDate, to person: Int64) throws {
        try shared.addDateOfBirth(date, to: person)
    }

    /// A new person's contact points are gathered with their record's other rows (never sent
    /// between them, so the same point twice in a record is one row).
    func saveContact(_ point: ContactPoint, of person: Int64, at instant: Timestamp) throws {
        guard added.contains(person) else { return try shared.saveContact(point, of: person, at: instant) }
        let row = ImportRows.contact(point, of: person, at: instant)
        let key = ContactKey(person: person, kind: point.kind.rawValue, value: point.value)
        if let index = contactRows[key] {
            contacts.replace(index, with: row)
        } else {
            contactRows[key] = contacts.count
            contacts.append(row)
        }
    }
}
