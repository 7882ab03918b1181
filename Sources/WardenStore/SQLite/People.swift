import GRDB
public import WardenCore

extension SQLiteStore {
    public func searchPeople(_ query: PeopleQuery, audit: AuditEvent) async throws -> [PersonRecord] {
        try await pool.write { db in
            let all = Dictionary(uniqueKeysWithValues: try Self.areas(db).map { ($0.id, $0) })
            var (condition, arguments) = Self.condition(for: query.interpretation)
            if let areaID = query.areaID, let area = all[areaID] {
                let districts = ([area] + Self.descendants(of: area, in: all)).filter { $0.level == .pollingDistrict }
                condition += " AND h.polling_district_id IN (\(districts.isEmpty ? "NULL" : districts.map { String($0.id.rawValue) }.joined(separator: ",")))"
            }
            let rows = try Row.fetchAll(db, sql: """
                \(Self.personSelect) WHERE \(condition) ORDER BY p.surname_key, p.forenames, p.id LIMIT \(query.limit)
                """, arguments: arguments)
            let records = try rows.map { try Self.record(from: $0, areas: all, contacts: false, db: db) }
            var event = audit
            event.people = records.map(\.person.id)
            try Self.insert(event, db)
            return records
        }
    }

    public func personRecord(_ id: PersonID, audit: AuditEvent) async throws -> PersonRecord? {
        try await pool.write { db in
            let all = Dictionary(uniqueKeysWithValues: try Self.areas(db).map { ($0.id, $0) })
            guard let row = try Row.fetchOne(db, sql: "\(Self.personSelect) WHERE p.id = ?", arguments: [id.rawValue]) else {
                return nil
            }
            let record = try Self.record(from: row, areas: all, contacts: true, db: db)
            var event = audit
            event.people = [id]
            try Self.insert(event, db)
            return record
        }
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
        if chain.isEmpty, let ward = member?.branchWardID { chain = Self.chain(from: ward, in: all) }
        let points = contacts ? try contactPoints(of: id, db) : nil
        return PersonRecord(person: person, address: address, elector: elector, member: member, contactPoints: points, areas: chain)
    }

    static func contactPoints(of id: PersonID, _ db: Database) throws -> [ContactPoint] {
        try Row.fetchAll(db, sql: "SELECT kind, value, source, consent FROM contact_point WHERE person_id = ? ORDER BY id",
                         arguments: [id.rawValue]).map { row in
            ContactPoint(
                kind: ContactPoint.Kind(rawValue: row["kind"]) ?? .email, value: row["value"],
                source: ContactPoint.Source(rawValue: row["source"]) ?? .manual,
                consent: Set((row["consent"] as String).split(separator: ",").compactMap { ContactPoint.Channel(rawValue: String($0)) }))
        }
    }
}
