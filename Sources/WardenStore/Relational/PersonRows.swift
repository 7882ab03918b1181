import Foundation
import WardenCore

/// People as rows: a person with their household, current register entry and membership, read
/// by position, with their contact points, walk lists and canvass contacts when asked for.
enum PersonRows {
    /// The columns ``record(from:areas:contacts:_:)`` reads by position: keep the two in step.
    static let select = """
        SELECT p.id, p.title, p.forenames, p.surname, p.date_of_birth, p.household_id,
               h.lines, h.postcode, h.polling_district_id AS household_district,
               e.polling_district_id, e.prefix, e.number, e.suffix, e.markers, e.franchise, e.attainer_date, e.anonymous, e.opted_out,
               m.membership_number, m.status, m.joined_on, m.status_since, m.branch_area_id, m.dues_pence, m.dues_frequency, m.paid_until
        FROM person p
        LEFT JOIN household h ON h.id = p.household_id
        LEFT JOIN elector e ON e.person_id = p.id AND e.current = 1
        LEFT JOIN member m ON m.person_id = p.id
        """

    /// One person, with their contact points and canvass contacts.
    static func person(_ id: PersonID, areas all: [AreaID: Area], contacts: Bool, _ sql: any SQLSession) throws -> PersonRecord? {
        try sql.row(select + " WHERE p.id = ?", id.rawValue).map { try record(from: $0, areas: all, contacts: contacts, sql) }
    }

    /// The records matching `query` within `scope`.
    static func search(_ query: PeopleQuery, scope: PeopleScope, areas all: [AreaID: Area], _ sql: any SQLSession) throws -> [PersonRecord] {
        guard !scope.isEmpty else { return [] }
        let (condition, arguments) = condition(for: query, scope: scope, all: all)
        return try sql.rows("\(select) WHERE \(condition) ORDER BY p.name_key, p.id LIMIT \(query.limit)", arguments)
            .map { try record(from: $0, areas: all, contacts: false, sql) }
    }

    /// One page of `query`'s listing within `scope`, in the order it asks for, and how many it
    /// matches. Only the first ``ListingPolicy/deepest`` matches by name are ever ordered and
    /// paged: a broad search lists that far and no further.
    static func listing(_ query: PeopleQuery, scope: PeopleScope, areas all: [AreaID: Area], _ sql: any SQLSession) throws -> (page: [PersonRecord], total: Int) {
        guard !scope.isEmpty, ListingPolicy.mayList(offset: query.offset) else { return ([], 0) }
        let (condition, arguments) = condition(for: query, scope: scope, all: all)
        let total = try sql.rows("SELECT COUNT(*) FROM (\(select) WHERE \(condition)) AS matched", arguments).first?.int(0) ?? 0
        let reachable = try sql.rows("\(select) WHERE \(condition) ORDER BY p.name_key, p.id LIMIT \(ListingPolicy.deepest)", arguments)
            .map { try record(from: $0, areas: all, contacts: false, sql) }
        let ordered = query.order == .street
            ? reachable.enumerated().sorted { a, b in
                let (x, y) = (a.element.address.map(WalkOrder.key), b.element.address.map(WalkOrder.key))
                if x != y { return x.map { x in y.map { x < $0 } ?? true } ?? false }
                return a.offset < b.offset
            }.map(\.element)
            : reachable
        return (Array(ordered.dropFirst(query.offset).prefix(min(query.limit, ListingPolicy.pageSize))), total)
    }

    /// The WHERE clause of a search: what the text looks like, its narrowing facts and filters,
    /// and the reader's scope, with bound values only.
    static func condition(for query: PeopleQuery, scope: PeopleScope, all: [AreaID: Area]) -> (String, [SQLValue]) {
        var (condition, arguments) = query.sharingHomeWith.map { person in
            ("p.household_id = (SELECT household_id FROM person WHERE id = ?) AND p.id <> ?", [SQLValue.integer(person.rawValue), .integer(person.rawValue)])
        } ?? (query.interpretation == .nothing && query.membership != nil ? ("TRUE", []) : condition(for: query.interpretation))
        if let also = query.alsoMatching {
            let (extra, values) = self.condition(for: also)
            condition += " AND " + extra
            arguments += values
        }
        if let areaID = query.areaID {
            condition += " AND " + placement(in: [areaID], all: all)
        }
        if let street = query.street.map(Normalize.spaces), !street.isEmpty {
            condition += " AND lower(h.lines) LIKE ?"
            arguments.append(.text("%" + street.lowercased().replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"))
        }
        if let status = query.membership {
            condition += " AND m.status = ?"
            arguments.append(.text(status.rawValue))
        }
        if let day = query.duesRanOutBy {
            condition += " AND m.paid_until <= ?"
            arguments.append(.text(day.description))
        }
        return (condition + within(scope, all: all), arguments)
    }

    /// Everyone `selection` picks within `scope`, with contact points and canvass results: an
    /// approved export's people.
    static func selected(_ selection: ExportSelection, scope: PeopleScope, areas all: [AreaID: Area], _ sql: any SQLSession) throws -> [PersonRecord] {
        guard !scope.isEmpty else { return [] }
        return try sql.rows("\(select) WHERE \(condition(for: selection, all: all))\(within(scope, all: all)) ORDER BY p.id", [])
            .map { try record(from: $0, areas: all, contacts: true, sql) }
    }

    /// How many people `selection` picks within `scope`, read without reading anyone.
    static func count(_ selection: ExportSelection, scope: PeopleScope, areas all: [AreaID: Area], _ sql: any SQLSession) throws -> Int {
        guard !scope.isEmpty else { return 0 }
        return try sql.count("SELECT COUNT(*) FROM (\(select) WHERE \(condition(for: selection, all: all))\(within(scope, all: all))) AS selected")
    }

    static func condition(for selection: ExportSelection, all: [AreaID: Area]) -> String {
        let who = switch selection.population {
        case .electors: "e.person_id IS NOT NULL"
        case .members: "m.status IN ('\(MembershipStatus.active.rawValue)', '\(MembershipStatus.inArrears.rawValue)')"
        case .everyone: "TRUE"
        }
        // An anonymous elector's entry is withheld by law (RPA 1983 s.9B): never exported.
        return who + " AND (e.person_id IS NULL OR e.anonymous = 0) AND " + placement(in: [selection.areaID], all: all)
    }

    /// ` AND (…)`: the people `scope` reaches, or nothing when it reaches everyone.
    static func within(_ scope: PeopleScope, all: [AreaID: Area]) -> String {
        guard !scope.everyone else { return "" }
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
        return " AND (" + allowed.joined(separator: " OR ") + ")"
    }

    /// The electors on a walk list in walking order (or at one stop of it), each with their
    /// results on this list.
    static func onWalkList(_ id: WalkListID, stop: Int?, areas: [AreaID: Area], _ sql: any SQLSession) throws -> [PersonRecord] {
        let rows = try sql.rows(select + """
             JOIN walk_list_household w ON w.household_id = p.household_id
            WHERE w.walk_list_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR w.position = ?2) AND e.person_id IS NOT NULL
            ORDER BY w.position, p.surname, p.forenames, p.id
            """, id.rawValue, stop)
        return try rows.map { row in
            var record = try record(from: row, areas: areas, contacts: false, sql)
            record.canvass = try sql.rows("\(CanvassContactRows.select) WHERE c.person_id = ? AND c.walk_list_id = ? ORDER BY c.id",
                                          record.person.id.rawValue, id.rawValue).map(CanvassContactRows.contact(from:))
            return record
        }
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

    /// The WHERE clause for a search's second fact, with bound values only.
    static func condition(for confirming: PeopleQuery.Confirming) -> (String, [SQLValue]) {
        switch confirming {
        case .postcode(let postcode):
            ("h.postcode = ?", [.text(postcode)])
        case .dateOfBirth(let date):
            ("p.date_of_birth = ?", [.text(date.description)])
        case .email(let email):
            ("EXISTS (SELECT 1 FROM contact_point c WHERE c.person_id = p.id AND c.kind = 'email' AND lower(c.value) = ?)", [.text(email)])
        case .phone(let phone):
            ("EXISTS (SELECT 1 FROM contact_point c WHERE c.person_id = p.id AND c.kind = 'phone' AND c.value = ?)", [.text(phone)])
        }
    }

    /// The WHERE clause for what the search text looks like, with bound values only.
    static func condition(for interpretation: PeopleQuery.Interpretation) -> (String, [SQLValue]) {
        switch interpretation {
        case .nothing:
            return ("FALSE", [])
        case .postcode(let postcode):
            return ("h.postcode = ?", [.text(postcode)])
        case .electorNumber(let prefix, let number):
            return ("e.prefix = ? AND e.number = ?", [.text(prefix), .integer(Int64(number))])
        case .membershipNumber(let number):
            return ("m.membership_number = ?", [.text(number)])
        case .name(let words):
            guard let surname = words.last else { return ("FALSE", []) }
            // name_key is "SURNAME|FORENAME": a surname prefix is a range of the index.
            var clause = "p.name_key >= ? AND p.name_key < ?"
            var arguments: [SQLValue] = [.text(surname), .text(surname + "\u{7F}")]
            if let forename = words.dropLast().first {
                clause += " AND p.name_key LIKE ?"
                arguments.append(.text(surname + "%|" + forename + "%"))
            }
            return (clause, arguments)
        }
    }

    /// Builds a record from a row of ``select``. Columns are read by position: this runs for
    /// every person read.
    static func record(from row: SQLRow, areas all: [AreaID: Area], contacts: Bool, _ sql: any SQLSession) throws -> PersonRecord {
        let id = PersonID(try row.integer(0))
        let householdID = try row.optionalInteger(5)
        let person = Person(
            id: id, name: PersonName(title: try row.optionalText(1), forenames: try row.text(2), surname: try row.text(3)),
            dateOfBirth: try row.optionalText(4).flatMap(CalendarDate.init(parsing:)),
            householdID: householdID.map(HouseholdID.init(rawValue:)))
        let address = try row.optionalText(6).map { Address(lines: $0.split(separator: "\n").map(String.init), postcode: try row.optionalText(7) ?? "") }
        var elector: Elector?
        let electorDistrict = try row.optionalInteger(9)
        if let electorDistrict {
            elector = Elector(
                personID: id, pollingDistrictID: AreaID(electorDistrict),
                number: ElectorNumber(prefix: try row.text(10), number: try row.int(11), suffix: try row.int(12)),
                markers: try row.text(13), franchise: try row.optionalText(14),
                attainerDate: try row.optionalText(15).flatMap(CalendarDate.init(parsing:)),
                isAnonymous: try row.bool(16), optedOut: try row.bool(17))
        }
        var member: Member?
        if let number = try row.optionalText(18) {
            let pence = try row.optionalInteger(23).map(Int.init)
            let frequency = try row.optionalText(24).flatMap(Dues.Frequency.init(rawValue:)) ?? .annual
            member = Member(
                personID: id, membershipNumber: number, status: MembershipStatus(rawValue: try row.text(19)) ?? .lapsed,
                joinedOn: try row.optionalText(20).flatMap(CalendarDate.init(parsing:)),
                statusSince: try row.optionalText(21).flatMap(CalendarDate.init(parsing:)),
                branchWardID: try row.optionalInteger(22).map(AreaID.init(rawValue:)),
                dues: pence.map { Dues(pence: $0, frequency: frequency) },
                paidUntil: try row.optionalText(25).flatMap(CalendarDate.init(parsing:)))
            if contacts {
                member?.payments = try MemberRows.payments(of: id, sql)
                member?.history = try MemberRows.history(of: id, sql)
            }
        }
        let district = try row.optionalInteger(8) ?? electorDistrict
        let chain = Area.chain(from: district.map(AreaID.init(rawValue:)), in: all)
        var branchChain: [Area] = []
        if let ward = member?.branchWardID, !chain.contains(where: { $0.id == ward }) {
            branchChain = Area.chain(from: ward, in: all).filter { area in !chain.contains { $0.id == area.id } }
        }
        let points = contacts ? try contactPoints(of: id, sql) : nil
        let walkLists = try householdID.map { try WalkListRows.walkLists(ofHousehold: $0, sql) } ?? []
        let canvass = contacts ? try CanvassContactRows.contacts(of: id, sql) : nil
        return PersonRecord(person: person, address: address, elector: elector, member: member, contactPoints: points, homeAreas: chain,
                            branchAreas: branchChain, walkLists: walkLists, canvass: canvass)
    }

    static func contactPoints(of id: PersonID, _ sql: any SQLSession) throws -> [ContactPoint] {
        try sql.rows("SELECT kind, value, source, consent FROM contact_point WHERE person_id = ? ORDER BY id", id.rawValue).map { row in
            ContactPoint(
                kind: ContactPoint.Kind(rawValue: try row.text(0)) ?? .email, value: try row.text(1),
                source: ContactPoint.Source(rawValue: try row.text(2)) ?? .manual,
                consent: Set(try row.text(3).split(separator: ",").compactMap { ContactPoint.Channel(rawValue: String($0)) }))
        }
    }
}

/// Canvass contacts as rows, their answers sealed, with the person's wrapped data key.
enum CanvassContactRows {
    static let select = """
        SELECT c.id, c.uid, c.person_id, c.household_id, c.campaign_id, c.walk_list_id, c.polling_district_id, c.at, c.actor,
               c.outcome, c.channel, c.do_not_contact, c.sealed, k.id, k.kek_version, k.wrapped
        FROM canvass_contact c LEFT JOIN person_key k ON k.id = c.data_key_id
        """

    /// A person's canvass contacts, oldest first, answers sealed.
    static func contacts(of id: PersonID, _ sql: any SQLSession) throws -> [SealedCanvassContact] {
        try sql.rows("\(select) WHERE c.person_id = ? ORDER BY c.id", id.rawValue).map(contact(from:))
    }

    /// A contact from a row of ``select``.
    static func contact(from row: SQLRow) throws -> SealedCanvassContact {
        let person = PersonID(try row.integer(2))
        var key: WrappedDataKey?
        if let id = try row.optionalInteger(13), let wrapped = try row.optionalBlob(15) {
            key = WrappedDataKey(id: id, personID: person, kekVersion: try row.int(14), wrapped: wrapped)
        }
        return SealedCanvassContact(
            id: try row.integer(0), uid: try row.text(1), personID: person,
            householdID: try row.optionalInteger(3).map(HouseholdID.init(rawValue:)), campaignID: CampaignID(try row.integer(4)),
            walkListID: try row.optionalInteger(5).map(WalkListID.init(rawValue:)),
            pollingDistrictID: try row.optionalInteger(6).map(AreaID.init(rawValue:)), at: try row.timestamp(7), actor: try row.text(8),
            outcome: ContactOutcome(rawValue: try row.text(9)) ?? .notIn, channel: ContactChannel(rawValue: try row.text(10)) ?? .door,
            doNotContact: try row.bool(11), sealedAnswers: try row.optionalBlob(12), wrappedKey: key)
    }
}
