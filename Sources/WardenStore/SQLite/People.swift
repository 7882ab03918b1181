import GRDB
public import WardenCore

extension SQLiteStore {
    public func readPeople(_ read: PeopleRead) async throws -> PeopleReadResult {
        let found = try await pool.read { db in try PeopleReadRun.find(read, db: db) }
        return try await group.write { db in try PeopleReadRun(db: db, read: read).record(found) }
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
            condition += " AND (" + allowed.joined(separator: " OR ") + ")"
        }
        let rows = try Row.fetchAll(db, sql: """
            \(personSelect) WHERE \(condition) ORDER BY p.surname_key, p.forenames, p.id LIMIT \(query.limit)
            """, arguments: arguments)
        return try rows.map { try record(from: $0, areas: all, contacts: false, db: db) }
    }

    /// People placed in any of `areas`: their household's or register entry's polling
    /// district, or their branch, lies within one of them. Area ids are our own integers, safe to inline.
    static func placement(in areas: Set<AreaID>, all: [AreaID: Area]) -> String {
        let within = areas.compactMap { all[$0] }.flatMap { [$0] + descendants(of: $0, in: all) }
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
            var clause = "p.surname_key >= ? AND p.surname_key < ?"
            var arguments: StatementArguments = [surname, surname + "\u{7F}"]
            if let forename = words.dropLast().first {
                clause += " AND p.name_key LIKE ?"
                arguments += [forename + "%"]
            }
            return (clause, arguments)
        }
    }

    static func record(from row: Row, areas all: [AreaID: Area], contacts: Bool, db: Database) throws -> PersonRecord {
        let id = PersonID(row["id"] as Int64)
        let householdID: Int64? = row["household_id"]
        let lines: String? = row["lines"]
        let person = Person(
            id: id, name: PersonName(title: row["title"], forenames: row["forenames"], surname: row["surname"]),
            dateOfBirth: (row["date_of_birth"] as String?).flatMap(CalendarDate.init(parsing:)),
            householdID: householdID.map(HouseholdID.init(rawValue:)))
        let address = lines.map { Address(lines: $0.split(separator: "\n").map(String.init), postcode: row["postcode"] ?? "") }
        var elector: Elector?
        if let district = row["polling_district_id"] as Int64? {
            elector = Elector(
                personID: id, pollingDistrictID: AreaID(district),
                number: ElectorNumber(prefix: row["prefix"], number: row["number"], suffix: row["suffix"]),
                markers: row["markers"], franchise: row["franchise"],
                attainerDate: (row["attainer_date"] as String?).flatMap(CalendarDate.init(parsing:)),
                isAnonymous: row["anonymous"], optedOut: row["opted_out"])
        }
        var member: Member?
        if let number = row["membership_number"] as String? {
            let pence: Int? = row["dues_pence"]
            let frequency = (row["dues_frequency"] as String?).flatMap(Dues.Frequency.init(rawValue:)) ?? .annual
            member = Member(
                personID: id, membershipNumber: number, status: MembershipStatus(rawValue: row["status"]) ?? .lapsed,
                joinedOn: (row["joined_on"] as String?).flatMap(CalendarDate.init(parsing:)),
                statusSince: (row["status_since"] as String?).flatMap(CalendarDate.init(parsing:)),
                branchWardID: (row["branch_area_id"] as Int64?).map(AreaID.init(rawValue:)),
                dues: pence.map { Dues(pence: $0, frequency: frequency) })
        }
        let district = (row["household_district"] as Int64?) ?? (row["polling_district_id"] as Int64?)
        var chain = chain(from: district.map(AreaID.init(rawValue:)), in: all)
        if let ward = member?.branchWardID, !chain.contains(where: { $0.id == ward }) {
            chain += Self.chain(from: ward, in: all).filter { area in !chain.contains { $0.id == area.id } }
        }
        let points = contacts ? try contactPoints(of: id, db) : nil
        return PersonRecord(person: person, address: address, elector: elector, member: member, contactPoints: points, areas: chain)
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
