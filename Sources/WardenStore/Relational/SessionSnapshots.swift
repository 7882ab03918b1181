import WardenCore

/// People's records as ``PersonSnapshot``s in person order, each with their last version's
/// text, read through a ``SQLSession``: five queries in person order over some people (those
/// in a `touched_person` table, or a range of person ids), merged in memory.
///
/// What a write on PostgreSQL versions (the few people it touched), and what verification
/// reads there a range at a time (``SessionRecords``). SQLite reads the same five queries
/// through GRDB cursors (``SnapshotReader``).
struct SessionSnapshots: StoreCursor {
    private var people: IndexingIterator<[SQLRow]>
    private var electors: Side
    private var members: Side
    private var contacts: Side
    private var canvass: Side

    /// Which people: those in a table with one `person_id` column (all of them, or those whose
    /// ids lie in a range), or those whose ids lie in a range.
    enum Scope {
        case touched(String)
        case touchedWithin(String, Range<Int64>)
        case ids(Range<Int64>)
    }

    init(_ sql: any SQLSession, _ scope: Scope) throws {
        /// The rows of `table` (with `join`) for the scope's people, ending in a WHERE clause
        /// the caller may extend with AND. A range's bounds are bound values (``bounds``), so
        /// each query is one statement text whatever the range.
        func from(_ table: String, _ alias: String, join: String = "") -> String {
            let person = "\(alias).\(alias == "p" ? "id" : "person_id")"
            switch scope {
            case .touched(let touched): return "\(touched) t JOIN \(table) \(alias) ON \(person) = t.person_id \(join) WHERE TRUE"
            case .touchedWithin(let touched, _):
                return "\(touched) t JOIN \(table) \(alias) ON \(person) = t.person_id \(join) WHERE t.person_id >= ? AND t.person_id < ?"
            case .ids: return "\(table) \(alias) \(join) WHERE \(person) >= ? AND \(person) < ?"
            }
        }
        let bounds: [SQLValue]
        switch scope {
        case .touched: bounds = []
        case .touchedWithin(_, let ids), .ids(let ids): bounds = [.integer(ids.lowerBound), .integer(ids.upperBound)]
        }
        people = try sql.rows("""
            SELECT p.id, p.title, p.forenames, p.surname, p.date_of_birth, h.lines, h.postcode,
                   (SELECT v.state FROM person_version v WHERE v.person_id = p.id ORDER BY v.id DESC LIMIT 1)
            FROM \(from("person", "p", join: "LEFT JOIN household h ON h.id = p.household_id")) ORDER BY p.id
            """, bounds).makeIterator()
        electors = Side(try sql.rows("""
            SELECT e.person_id, e.polling_district_id, e.prefix, e.number, e.suffix, e.markers, e.franchise, e.attainer_date,
                   e.anonymous, e.opted_out
            FROM \(from("elector", "e")) AND e.current = 1 ORDER BY e.person_id, e.id
            """, bounds))
        members = Side(try sql.rows("""
            SELECT m.person_id, m.membership_number, m.status, m.joined_on, m.status_since, m.branch_area_id, m.dues_pence,
                   m.dues_frequency
            FROM \(from("member", "m")) ORDER BY m.person_id
            """, bounds))
        contacts = Side(try sql.rows("SELECT c.person_id, c.kind, c.value, c.consent FROM \(from("contact_point", "c")) ORDER BY c.person_id", bounds))
        canvass = Side(try sql.rows("""
            SELECT c.person_id, c.uid, c.campaign_id, c.walk_list_id, c.outcome, c.channel, c.do_not_contact, c.at, c.sealed
            FROM \(from("canvass_contact", "c")) ORDER BY c.person_id, c.id
            """, bounds))
    }

    mutating func next() throws -> RecordLine? {
        guard let row = people.next() else { return nil }
        let id = try row.integer(0)
        var snapshot = PersonSnapshot(personID: id, title: try row.optionalText(1), forenames: try row.text(2), surname: try row.text(3),
                                      dateOfBirth: try row.optionalText(4))
        if let lines = try row.optionalText(5), let postcode = try row.optionalText(6) {
            snapshot.address = PersonSnapshot.Address(lines: lines, postcode: postcode)
        }
        let lastVersion = try row.optionalText(7)
        try electors.take(id) { row in
            guard snapshot.elector == nil else { return }
            snapshot.elector = PersonSnapshot.Elector(
                pollingDistrictID: try row.integer(1), prefix: try row.text(2), number: try row.integer(3), suffix: try row.integer(4),
                markers: try row.text(5), franchise: try row.optionalText(6), attainerDate: try row.optionalText(7),
                anonymous: try row.bool(8), optedOut: try row.bool(9))
        }
        try members.take(id) { row in
            snapshot.membership = PersonSnapshot.Membership(
                number: try row.text(1), status: try row.text(2), joinedOn: try row.optionalText(3), statusSince: try row.optionalText(4),
                branchAreaID: try row.optionalInteger(5), duesPence: try row.optionalInteger(6), duesFrequency: try row.optionalText(7))
        }
        try contacts.take(id) { row in
            snapshot.contacts.append(PersonSnapshot.Contact(kind: try row.text(1), value: try row.text(2), consent: try row.text(3)))
        }
        try canvass.take(id) { row in
            snapshot.canvass.append(PersonSnapshot.Canvass(
                uid: try row.text(1), campaignID: try row.integer(2), walkListID: try row.optionalInteger(3), outcome: try row.text(4),
                channel: try row.text(5), doNotContact: try row.bool(6), at: try row.text(7),
                sealedTag: try row.optionalBlob(8).map(PersonState.answerTag)))
        }
        return (snapshot, lastVersion)
    }

    /// One of the per-person tables, walked in step with the people (first column: person).
    private struct Side {
        private var rows: IndexingIterator<[SQLRow]>
        private var current: SQLRow?

        init(_ rows: [SQLRow]) {
            self.rows = rows.makeIterator()
            current = self.rows.next()
        }

        /// Hands `each` the rows of `person`, skipping any of earlier people.
        mutating func take(_ person: Int64, _ each: (SQLRow) throws -> Void) throws {
            while let row = current, try row.integer(0) <= person {
                if try row.integer(0) == person { try each(row) }
                current = rows.next()
            }
        }
    }
}
