import GRDB
public import WardenCore

extension SQLiteStore {
    /// One person or one walk list is found inside the group-committed write that charges and
    /// records it: a bounded read, one transaction. A search is found first in a read
    /// transaction of its own: a broad one (a surname's first letter over a national register)
    /// may walk a long stretch of an index, and must not hold the single writer while it does.
    @_spi(Gate) public func readPeople(_ read: PeopleRead) async throws -> PeopleReadResult {
        let areas = areaCache
        @Sendable func record(_ found: ReadCharge.Found, _ db: Database) throws -> PeopleReadResult {
            try ReadCharge(ledger: SQLiteLedger(db, areas: areas), read: read, now: .now).record(found)
        }
        if case .search = read.target {
            let found = try await pool.read { db in try PeopleReadRun.find(read, areas: areas, db: db) }
            return try await group.write { db in try record(found, db) }
        }
        return try await group.write { db in try record(PeopleReadRun.find(read, areas: areas, db: db), db) }
    }

    public func counts() async throws -> StoreCounts {
        try await pool.read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return StoreCounts(
                people: try count("SELECT COUNT(*) FROM person"),
                electors: try count("SELECT COUNT(*) FROM elector WHERE current = 1"),
                households: try count("SELECT COUNT(*) FROM household"),
                members: try count("SELECT COUNT(*) FROM member"),
                areas: try count("SELECT COUNT(*) FROM area"))
        }
    }

    /// The columns ``record(from:areas:contacts:db:)`` reads by position: keep the two in step.
    static let personSelect = """
        SELECT p.id, p.title, p.forenames, p.surname, p.date_of_birth, p.household_id,
               h.lines, h.postcode, h.polling_district_id AS household_district,
               e.polling_district_id, e.prefix, e.number, e.suffix, e.markers, e.franchise, e.attainer_date, e.anonymous, e.opted_out,
               m.membership_number, m.status, m.joined_on, m.status_since, m.branch_area_id, m.dues_pence, m.dues_frequency
        FROM person p
        LEFT JOIN household h ON h.id = p.household_id
        LEFT JOIN elector e ON e.person_id = p.id AND e.current = 1
        LEFT JOIN member m ON m.person_id = p.id
        """

    static let personByID = personSelect + " WHERE p.id = ?"

    /// The records matching `query` within `scope`.
    static func search(_ query: PeopleQuery, scope: PeopleScope, areas all: [AreaID: Area], db: Database) throws -> [PersonRecord] {
        guard !scope.isEmpty else { return [] }
        var (condition, arguments) = condition(for: query.interpretation)
        if let areaID = query.areaID {
            condition += " AND " + placement(in: [areaID], all: all)
        }
        if !scope.everyone {
            var allowed: [String] = []
            if !scope.areas.isEmpty { allowed.append(placement(in: scope.areas, all: all)) }
            if !scope.people.isEmpty { allowed.append("p.id IN (\(scope.people.map { String($0.rawValue) }.joined(separator: ",")))") }
            if !scope.walkLists.isEmpty {
                allowed.append("(e.person_id IS NOT NULL AND p.household_id IN (SELECT household_id FROM walk_list_household WHERE walk_list_id IN (\(scope.walkLists.map { String($0.rawValue) }.joined(separator: ",")))))")
            }
            if scope.everyMember {
                allowed.append("m.person_id IS NOT NULL")
            } else if !scope.memberAreas.isEmpty {
                allowed.append("(m.person_id IS NOT NULL AND \(placement(in: scope.memberAreas, all: all)))")
            }
            condition += " AND (" + allowed.joined(separator: " OR ") + ")"
        }
        let rows = try Row.fetchAll(db, sql: """
            \(personSelect) WHERE \(condition) ORDER BY p.name_key, p.id LIMIT \(query.limit)
            """, arguments: arguments)
        return try rows.map { try record(from: $0, areas: all, contacts: false, db: db) }
    }

    /// People placed in any of `areas`: their household's or register entry's polling
    /// district, or their branch, lies within one of them. Area ids are our own integers, safe to inline.
    static func placement(in areas: Set<AreaID>, all: [AreaID: Area]) -> String {
        let within = areas.compactMap { all[$0] }.flatMap { [$0] + Area.descendants(of: $0, in: all) }
        let districts = within.filter { $0.level == .pollingDistrict }.map { String($0.id.rawValue) }
        let wards = within.filter { $0.level == .ward }.map { String($0.id.rawValue) }
        let districtList = districts.isEmpty ? "NULL" : districts.joined(separator: ",")
        let wardList = wards.isEmpty ? "NULL" : wards.joined(separator: ",")
        return "(h.polling_district_id IN (\(districtList)) OR e.polling_district_id IN (\(districtList)) OR m.branch_area_id IN (\(wardList)))"
    }

    /// The WHERE clause for what the search text looks like, with bound values only.
    static func condition(for interpretation: PeopleQuery.Interpretation) -> (String, StatementArguments) {
        switch interpretation {
        case .nothing:
            return ("0", [])
        case .postcode(let postcode):
            return ("h.postcode = ?", [postcode])
        case .electorNumber(let prefix, let number):
            return ("e.prefix = ? AND e.number = ?", [prefix, number])
        case .membershipNumber(let number):
            return ("m.membership_number = ?", [number])
        case .name(let words):
            guard let surname = words.last else { return ("0", []) }
            // name_key is "SURNAME|FORENAME": a surname prefix is a range of the index.
            var clause = "p.name_key >= ? AND p.name_key < ?"
            var arguments: StatementArguments = [surname, surname + "\u{7F}"]
            if let forename = words.dropLast().first {
                clause += " AND p.name_key LIKE ?"
                arguments += [surname + "%|" + forename + "%"]
            }
            return (clause, arguments)
        }
    }

    /// Builds a record from a row of ``personSelect``. Columns are read by position: this runs
    /// for every person read, and by-name lookup compares names case-insensitively each time.
    static func record(from row: Row, areas all: [AreaID: Area], contacts: Bool, db: Database) throws -> PersonRecord {
        let id = PersonID(row[0] as Int64)
        let householdID: Int64? = row[5]
        let lines: String? = row[6]
        let person = Person(
            id: id, name: PersonName(title: row[1], forenames: row[2], surname: row[3]),
            dateOfBirth: (row[4] as String?).flatMap(CalendarDate.init(parsing:)),
            householdID: householdID.map(HouseholdID.init(rawValue:)))
        let address = lines.map { Address(lines: $0.split(separator: "\n").map(String.init), postcode: row[7] ?? "") }
        var elector: Elector?
        let electorDistrict: Int64? = row[9]
        if let electorDistrict {
            elector = Elector(
                personID: id, pollingDistrictID: AreaID(electorDistrict),
                number: ElectorNumber(prefix: row[10], number: row[11], suffix: row[12]),
                markers: row[13], franchise: row[14],
                attainerDate: (row[15] as String?).flatMap(CalendarDate.init(parsing:)),
                isAnonymous: row[16], optedOut: row[17])
        }
        var member: Member?
        if let number = row[18] as String? {
            let pence: Int? = row[23]
            let frequency = (row[24] as String?).flatMap(Dues.Frequency.init(rawValue:)) ?? .annual
            member = Member(
                personID: id, membershipNumber: number, status: MembershipStatus(rawValue: row[19]) ?? .lapsed,
                joinedOn: (row[20] as String?).flatMap(CalendarDate.init(parsing:)),
                statusSince: (row[21] as String?).flatMap(CalendarDate.init(parsing:)),
                branchWardID: (row[22] as Int64?).map(AreaID.init(rawValue:)),
                dues: pence.map { Dues(pence: $0, frequency: frequency) })
        }
        let district = (row[8] as Int64?) ?? electorDistrict
        let chain = Area.chain(from: district.map(AreaID.init(rawValue:)), in: all)
        var branchChain: [Area] = []
        if let ward = member?.branchWardID, !chain.contains(where: { $0.id == ward }) {
            branchChain = Area.chain(from: ward, in: all).filter { area in !chain.contains { $0.id == area.id } }
        }
        let points = contacts ? try contactPoints(of: id, db) : nil
        let walkLists = try householdID.map { try WalkListRows.walkLists(ofHousehold: $0, SQLiteSession(db: db)) } ?? []
        let canvass = contacts ? try Self.canvassContacts(of: id, db) : nil
        return PersonRecord(person: person, address: address, elector: elector, member: member, contactPoints: points, homeAreas: chain, branchAreas: branchChain,
                            walkLists: walkLists, canvass: canvass)
    }

    static func contactPoints(of id: PersonID, _ db: Database) throws -> [ContactPoint] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT kind, value, source, consent FROM contact_point WHERE person_id = ? ORDER BY id"),
                         arguments: [id.rawValue]).map { row in
            ContactPoint(
                kind: ContactPoint.Kind(rawValue: row["kind"]) ?? .email, value: row["value"],
                source: ContactPoint.Source(rawValue: row["source"]) ?? .manual,
                consent: Set((row["consent"] as String).split(separator: ",").compactMap { ContactPoint.Channel(rawValue: String($0)) }))
        }
    }
}
