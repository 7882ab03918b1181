import Foundation
import GRDB
import WardenCore

/// Reads people's records as ``PersonSnapshot``s, in person order, with each person's last
/// version: plain values from five ordered queries walked side by side, so that one Swift
/// renderer (``PersonState/init(_:)``) makes every canonical text.
///
/// Writers read the people they touched (`temp.touched_person`); `warden verify` reads
/// everyone. Each query is a join or scan in person order over an index, so a million-person
/// import costs five sequential passes, not a million lookups.
struct SnapshotReader: StoreCursor {
    enum Scope {
        /// The people in the connection's `temp.touched_person` (see ``Versioning``).
        case touched
        case everyone
    }

    private var people: RowCursor
    private var electors: Side
    private var members: Side
    private var contacts: Side
    private var canvass: Side

    init(_ db: Database, scope: Scope) throws {
        // CROSS JOIN keeps the touched rows outermost: the planner knows nothing of the
        // temporary table's size and would otherwise scan a whole table to read one person.
        func from(_ table: String, _ alias: String) -> String {
            switch scope {
            case .touched: "temp.touched_person t CROSS JOIN \(table) \(alias) ON \(alias).\(alias == "p" ? "id" : "person_id") = t.person_id"
            case .everyone: "\(table) \(alias)"
            }
        }
        func statement(_ sql: String) throws -> Statement {
            // Cached: a write versions its people with these five statements every time.
            scope == .touched ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
        }
        people = try Row.fetchCursor(statement("""
            SELECT p.id, p.title, p.forenames, p.surname, p.date_of_birth, h.lines, h.postcode,
                   (SELECT v.state FROM person_version v WHERE v.person_id = p.id ORDER BY v.id DESC LIMIT 1)
            FROM \(from("person", "p")) LEFT JOIN household h ON h.id = p.household_id ORDER BY p.id
            """))
        electors = Side(try Row.fetchCursor(statement("""
            SELECT e.person_id, e.polling_district_id, e.prefix, e.number, e.suffix, e.markers, e.franchise, e.attainer_date,
                   e.anonymous, e.opted_out
            FROM \(from("elector", "e")) \(scope == .touched ? "AND" : "WHERE") e.current = 1 ORDER BY e.person_id, e.id
            """)))
        members = Side(try Row.fetchCursor(statement("""
            SELECT m.person_id, m.membership_number, m.status, m.joined_on, m.status_since, m.branch_area_id, m.dues_pence,
                   m.dues_frequency
            FROM \(from("member", "m")) ORDER BY m.person_id
            """)))
        contacts = Side(try Row.fetchCursor(statement("""
            SELECT c.person_id, c.kind, c.value, c.consent FROM \(from("contact_point", "c")) ORDER BY c.person_id
            """)))
        canvass = Side(try Row.fetchCursor(statement("""
            SELECT c.person_id, c.uid, c.campaign_id, c.walk_list_id, c.outcome, c.channel, c.do_not_contact, c.at, c.sealed
            FROM \(from("canvass_contact", "c")) ORDER BY c.person_id, c.id
            """)))
    }

    /// The next person's record and the text of their last version (`nil` if they have none).
    mutating func next() throws -> RecordLine? {
        guard let row = try people.next() else { return nil }
        let id: Int64 = row[0]
        var snapshot = PersonSnapshot(personID: id, title: row[1], forenames: row[2], surname: row[3], dateOfBirth: row[4])
        if let lines = row[5] as String?, let postcode = row[6] as String? {
            snapshot.address = PersonSnapshot.Address(lines: lines, postcode: postcode)
        }
        let lastVersion: String? = row[7]
        try electors.take(id) { row in
            guard snapshot.elector == nil else { return }
            snapshot.elector = PersonSnapshot.Elector(
                pollingDistrictID: row[1], prefix: row[2], number: row[3], suffix: row[4], markers: row[5], franchise: row[6],
                attainerDate: row[7], anonymous: row[8], optedOut: row[9])
        }
        try members.take(id) { row in
            snapshot.membership = PersonSnapshot.Membership(
                number: row[1], status: row[2], joinedOn: row[3], statusSince: row[4], branchAreaID: row[5], duesPence: row[6],
                duesFrequency: row[7])
        }
        try contacts.take(id) { row in
            snapshot.contacts.append(PersonSnapshot.Contact(kind: row[1], value: row[2], consent: row[3]))
        }
        try canvass.take(id) { row in
            snapshot.canvass.append(PersonSnapshot.Canvass(
                uid: row[1], campaignID: row[2], walkListID: row[3], outcome: row[4], channel: row[5], doNotContact: row[6],
                at: row[7], sealedTag: (row[8] as Data?).map { PersonState.answerTag(Array($0)) }))
        }
        return (snapshot, lastVersion)
    }

    /// One of the per-person tables, walked in step with the people (first column: person).
    private struct Side {
        let rows: RowCursor
        private var current: Row?
        private var started = false

        init(_ rows: RowCursor) { self.rows = rows }

        /// Hands `each` the rows of `person`, skipping any of earlier people (none, when the
        /// people come from the same scope).
        mutating func take(_ person: Int64, _ each: (Row) throws -> Void) throws {
            if !started {
                started = true
                current = try rows.next()
            }
            while let row = current, (row[0] as Int64) <= person {
                if (row[0] as Int64) == person { try each(row) }
                current = try rows.next()
            }
        }
    }
}
