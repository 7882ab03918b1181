import Foundation
public import WardenCore

/// Events and their RSVPs over whichever engine. Writes that may make a person go through the
/// rules' ledger (``EventRSVPRecording``); writes that free places promote the waitlist in
/// the same transaction (``EventWaitlist``).
extension RelationalStore {
    @_spi(Gate) public func createEvent(_ details: EventDetails, audit: AuditEvent) async throws -> Event {
        try await engine.write { sql in
            let id = EventID(try sql.insert("""
                INSERT INTO event (title, description, place, area_id, starts, ends, capacity, access, created_by, cancelled, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING id
                """, details.title, details.description, details.place, details.areaID.rawValue, details.starts, details.ends, details.capacity,
                details.access.rawValue, audit.actor, audit.at, audit.at))
            var event = audit
            event.detail += ": event \(id) created"
            try AuditRows.insert(event, sql)
            return Event(id: id, details: details, createdBy: audit.actor, cancelled: false)
        }
    }

    @_spi(Gate) public func updateEvent(_ event: Event, mail: EventMail, audit: AuditEvent) async throws -> [PersonID] {
        try await engine.write { sql in
            let details = event.details
            let changed = try sql.execute("""
                UPDATE event SET title = ?, description = ?, place = ?, area_id = ?, starts = ?, ends = ?, capacity = ?, access = ?, updated_at = ?
                WHERE id = ? AND cancelled = 0
                """, details.title, details.description, details.place, details.areaID.rawValue, details.starts, details.ends, details.capacity,
                details.access.rawValue, audit.at, event.id.rawValue)
            guard changed == 1 else { throw StoreError.conflict("event \(event.id) is cancelled or gone") }
            try AuditRows.insert(audit, sql)
            return try EventWaitlist(sql: sql, event: event).promote(mail: mail, audit: audit)
        }
    }

    @_spi(Gate) public func cancelEvent(_ id: EventID, mail: EventMail, audit: AuditEvent) async throws -> Int {
        try await engine.write { sql in
            guard var event = try EventRows.event(id, sql), !event.cancelled else { throw StoreError.conflict("event \(id) is already cancelled") }
            try sql.execute("UPDATE event SET cancelled = 1, updated_at = ? WHERE id = ?", audit.at, id.rawValue)
            event.cancelled = true
            let told = try sql.rows("""
                SELECT person_id, email FROM event_rsvp WHERE event_id = ? AND state IN ('going', 'waitlisted') ORDER BY position
                """, id.rawValue)
            var people: [PersonID] = []
            for row in told {
                people.append(PersonID(rawValue: try row.integer(0)))
                if let to = try row.optionalText(1) { try EventRows.queue(mail.cancelled(event, to), at: audit.at, sql) }
            }
            var entry = audit
            entry.people = people
            entry.dataClasses = people.isEmpty ? [] : [.contact]
            entry.detail += ": \(people.count) going or waiting emailed"
            try AuditRows.insert(entry, sql)
            return people.count
        }
    }

    @_spi(Gate) public func event(_ id: EventID) async throws -> Event? {
        try await engine.read { sql in try EventRows.event(id, sql) }
    }

    @_spi(Gate) public func events(in areas: Set<AreaID>, at instant: Timestamp) async throws -> [(event: Event, numbers: EventNumbers)] {
        guard !areas.isEmpty else { return [] }
        return try await engine.read { sql in
            let events = try EventRows.events(where: "area_id IN (\(areas.map { String($0.rawValue) }.sorted().joined(separator: ",")))", sql)
            return try EventRows.numbers(of: events, at: instant, sql)
        }
    }

    @_spi(Gate) public func eventNumbers(_ id: EventID, at instant: Timestamp) async throws -> (event: Event, numbers: EventNumbers)? {
        try await engine.read { sql in
            guard let event = try EventRows.event(id, sql) else { return nil }
            return try EventRows.numbers(of: [event], at: instant, sql).first
        }
    }

    @_spi(Gate) public func rsvpRequests(fromClient client: [UInt8], since: Timestamp) async throws -> Int {
        try await engine.read { sql in
            try sql.count("SELECT COUNT(*) FROM event_rsvp_request WHERE client_hash = ? AND created_at > ?", client, since)
        }
    }

    @_spi(Gate) public func addRSVPRequest(_ pending: PendingRSVPRequest, email: QueuedEmail, audit: AuditEvent) async throws {
        try await engine.write { sql in
            try sql.execute("""
                INSERT INTO event_rsvp_request (token_hash, event_id, details, client_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
                """, pending.tokenHash, pending.request.eventID.rawValue, try StoredJSON.text(pending.request), pending.clientHash,
                pending.createdAt, pending.expiresAt)
            try EventRows.queue(email, at: pending.createdAt, sql)
            try AuditRows.insert(audit, sql)
        }
    }

    @_spi(Gate) public func expireRSVPRequests(before instant: Timestamp) async throws -> Int {
        try await engine.write { sql in try sql.execute("DELETE FROM event_rsvp_request WHERE expires_at <= ?", instant) }
    }

    @_spi(Gate) public func confirmRSVP(tokenHash: [UInt8], mail: EventMail, audit: AuditEvent) async throws -> EventRSVPConfirmation? {
        try await engine.confirmRSVP(tokenHash: tokenHash, mail: mail, audit: audit, areas: areaCache)
    }

    @_spi(Gate) public func memberRSVP(_ id: EventID, person: PersonID, tokenHash: [UInt8], mail: EventMail, audit: AuditEvent,
                                       standing: AccessStanding?) async throws -> RSVPState {
        try await engine.write { sql in
            try SessionStanding(sql: sql).checkStanding(standing)
            guard let event = try EventRows.event(id, sql) else { throw StoreError.notFound("no event \(id)") }
            let email = try sql.row("SELECT value FROM contact_point WHERE person_id = ? AND kind = 'email' ORDER BY id LIMIT 1", person.rawValue)?.text(0)
            let state = try EventWaitlist(sql: sql, event: event).place(person, email: email, source: "member", tokenHash: tokenHash, at: audit.at)
            if let email { try EventRows.queue(mail.confirmed(event, state, email), at: audit.at, sql) }
            var entry = audit
            entry.people = [person]
            entry.dataClasses = [.contact]
            entry.detail += ": \(state.rawValue)"
            try AuditRows.insert(entry, sql)
            return state
        }
    }

    @_spi(Gate) public func rsvp(manageTokenHash tokenHash: [UInt8], at instant: Timestamp) async throws -> (event: Event, state: RSVPState)? {
        try await engine.read { sql in
            guard let row = try sql.row("SELECT event_id, state FROM event_rsvp WHERE manage_token_hash = ?", tokenHash),
                  let event = try EventRows.event(EventID(try row.integer(0)), sql),
                  let state = RSVPState(rawValue: try row.text(1)) else { return nil }
            return (event, EventPolicy.state(state, endedBy: instant >= event.details.ends))
        }
    }

    @_spi(Gate) public func cancelRSVP(manageTokenHash tokenHash: [UInt8], mail: EventMail, audit: AuditEvent) async throws -> (event: Event, promoted: [PersonID])? {
        try await engine.write { sql in
            guard let row = try sql.row("SELECT event_id, person_id, state FROM event_rsvp WHERE manage_token_hash = ?", tokenHash),
                  let event = try EventRows.event(EventID(try row.integer(0)), sql) else { return nil }
            let person = PersonID(rawValue: try row.integer(1))
            let state = try row.text(2)
            var entry = audit
            entry.people = [person]
            entry.detail = "event \(event.id): RSVP cancelled"
            guard state == RSVPState.going.rawValue || state == RSVPState.waitlisted.rawValue else {
                entry.detail = "event \(event.id): RSVP already \(state)"
                try AuditRows.insert(entry, sql)
                return (event, [])
            }
            let waitlist = EventWaitlist(sql: sql, event: event)
            try waitlist.hold()
            try sql.execute("UPDATE event_rsvp SET state = 'cancelled', updated_at = ? WHERE event_id = ? AND person_id = ?",
                            audit.at, event.id.rawValue, person.rawValue)
            try AuditRows.insert(entry, sql)
            return (event, try waitlist.promote(mail: mail, audit: audit))
        }
    }

    @_spi(Gate) public func fillFreedPlaces(at instant: Timestamp, mail: EventMail, audit: AuditEvent) async throws -> [PersonID] {
        try await engine.write { sql in
            let waiting = try EventRows.events(where: "cancelled = 0 AND ends > ? AND id IN (SELECT event_id FROM event_rsvp WHERE state = 'waitlisted')",
                                               arguments: [instant.sqlValue], sql)
            return try waiting.flatMap { try EventWaitlist(sql: sql, event: $0).promote(mail: mail, audit: audit) }
        }
    }

    @_spi(Gate) public func queueReminders(startingAfter after: Timestamp, by: Timestamp, mail: EventMail, audit: AuditEvent) async throws -> Int {
        try await engine.write { sql in
            let events = try EventRows.events(where: "cancelled = 0 AND starts > ? AND starts <= ?", arguments: [after.sqlValue, by.sqlValue], sql)
            var people: [PersonID] = []
            for event in events {
                let due = try sql.rows("SELECT person_id, email FROM event_rsvp WHERE event_id = ? AND state = 'going' AND reminded = 0 ORDER BY position",
                                       event.id.rawValue)
                for row in due {
                    let person = PersonID(rawValue: try row.integer(0))
                    if let to = try row.optionalText(1) { try EventRows.queue(mail.reminder(event, to), at: audit.at, sql) }
                    try sql.execute("UPDATE event_rsvp SET reminded = 1 WHERE event_id = ? AND person_id = ?", event.id.rawValue, person.rawValue)
                    people.append(person)
                }
            }
            guard !people.isEmpty else { return 0 }
            var entry = audit
            entry.people = people
            entry.dataClasses = [.contact]
            entry.detail += ": \(people.count) reminders queued"
            try AuditRows.insert(entry, sql)
            return people.count
        }
    }

    @_spi(Gate) public func searchRSVPs(_ id: EventID, query: String, audit: AuditEvent) async throws -> [EventRSVP] {
        try await engine.write { sql in
            guard let event = try EventRows.event(id, sql) else { throw StoreError.notFound("no event \(id)") }
            let ended = audit.at >= event.details.ends
            let found = Array(try EventRows.rsvps(of: id, sql).filter { EventPolicy.matches($0.name, query: query) }.prefix(EventPolicy.searchLimit))
                .map { rsvp in var shown = rsvp; shown.state = EventPolicy.state(rsvp.state, endedBy: ended); return shown }
            var entry = audit
            entry.people = found.map(\.personID)
            entry.dataClasses = found.isEmpty ? [] : [.identity]
            entry.detail += ": \(found.count) found"
            try AuditRows.insert(entry, sql)
            return found
        }
    }

    @_spi(Gate) public func checkIn(_ id: EventID, person: PersonID, audit: AuditEvent) async throws -> Bool {
        try await engine.write { sql in
            let changed = try sql.execute("""
                UPDATE event_rsvp SET state = 'attended', updated_at = ? WHERE event_id = ? AND person_id = ? AND state IN ('going', 'waitlisted', 'cancelled')
                """, audit.at, id.rawValue, person.rawValue)
            var entry = audit
            entry.people = [person]
            entry.detail += changed == 1 ? ": attended" : ": no RSVP to check in"
            if changed != 1 { entry.outcome = .refused }
            try AuditRows.insert(entry, sql)
            return changed == 1
        }
    }

    @_spi(Gate) public func addWalkIn(_ id: EventID, forenames: String, surname: String, email: String?, audit: AuditEvent) async throws -> PersonID {
        try await engine.addWalkIn(id, forenames: forenames, surname: surname, email: email, audit: audit, areas: areaCache)
    }
}

/// Event and RSVP rows, and the emails events queue.
enum EventRows {
    static let columns = "id, title, description, place, area_id, starts, ends, capacity, access, created_by, cancelled"

    static func event(_ id: EventID, _ sql: any SQLSession) throws -> Event? {
        try events(where: "id = ?", arguments: [id.rawValue.sqlValue], sql).first
    }

    static func events(where condition: String, arguments: [SQLValue] = [], _ sql: any SQLSession) throws -> [Event] {
        try sql.rows("SELECT \(columns) FROM event WHERE \(condition) ORDER BY starts, id", arguments).map { row in
            guard let access = EventAccess(rawValue: try row.text(8)) else { throw SQLReadError(column: 8, expected: "an event access") }
            let details = EventDetails(title: try row.text(1), description: try row.text(2), place: try row.text(3), areaID: AreaID(rawValue: try row.integer(4)),
                                       starts: try row.timestamp(5), ends: try row.timestamp(6), capacity: try row.int(7), access: access)
            return Event(id: EventID(try row.integer(0)), details: details, createdBy: try row.text(9), cancelled: try row.bool(10))
        }
    }

    /// The event's RSVPs as stored, in the order they came in.
    static func rsvps(of id: EventID, _ sql: any SQLSession) throws -> [EventRSVP] {
        try sql.rows("""
            SELECT r.person_id, p.forenames, p.surname, r.state, r.position, r.created_at
            FROM event_rsvp r JOIN person p ON p.id = r.person_id WHERE r.event_id = ? ORDER BY r.position, r.person_id
            """, id.rawValue).map { row in
            guard let state = RSVPState(rawValue: try row.text(3)) else { throw SQLReadError(column: 3, expected: "an RSVP state") }
            return EventRSVP(eventID: id, personID: PersonID(rawValue: try row.integer(0)), name: try row.text(1) + " " + row.text(2), state: state,
                             position: try row.integer(4), createdAt: try row.timestamp(5))
        }
    }

    /// Each of `events` with its numbers at `instant`, from one grouped count.
    static func numbers(of events: [Event], at instant: Timestamp, _ sql: any SQLSession) throws -> [(event: Event, numbers: EventNumbers)] {
        guard !events.isEmpty else { return [] }
        var counts = Dictionary(uniqueKeysWithValues: events.map { ($0.id, EventNumbers(capacity: $0.details.capacity)) })
        let ends = Dictionary(uniqueKeysWithValues: events.map { ($0.id, $0.details.ends) })
        for row in try sql.rows("""
            SELECT event_id, state, COUNT(*) FROM event_rsvp WHERE event_id IN (\(events.map(\.id.description).joined(separator: ","))) GROUP BY event_id, state
            """, []) {
            let id = EventID(try row.integer(0))
            guard let state = RSVPState(rawValue: try row.text(1)), let end = ends[id] else { throw SQLReadError(column: 1, expected: "an RSVP state") }
            counts[id]?.add(state, count: try row.int(2), ended: instant >= end)
        }
        return events.map { ($0, counts[$0.id] ?? EventNumbers(capacity: $0.details.capacity)) }
    }

    static func email(_ id: EventID, _ person: PersonID, _ sql: any SQLSession) throws -> String? {
        try sql.row("SELECT email FROM event_rsvp WHERE event_id = ? AND person_id = ?", id.rawValue, person.rawValue)?.optionalText(0)
    }

    /// Queues `email`, its copy wiped once sent (it names the event a person is going to).
    static func queue(_ email: QueuedEmail, at instant: Timestamp, _ sql: any SQLSession) throws {
        try sql.execute("INSERT INTO outbox (created_at, recipient, subject, body, wipe_after_send) VALUES (?, ?, ?, ?, 1)",
                        instant, email.to, email.subject, email.body)
    }

    /// A person's RSVPs, for their subject access package.
    static func attendance(of person: PersonID, _ sql: any SQLSession) throws -> [EventAttendance] {
        try sql.rows("""
            SELECT e.id, e.title, e.starts, r.email, r.state, r.created_at, e.ends
            FROM event_rsvp r JOIN event e ON e.id = r.event_id WHERE r.person_id = ? ORDER BY r.created_at, e.id
            """, person.rawValue).map { row in
            guard let state = RSVPState(rawValue: try row.text(4)) else { throw SQLReadError(column: 4, expected: "an RSVP state") }
            return EventAttendance(eventID: EventID(try row.integer(0)), title: try row.text(1), starts: try row.timestamp(2), email: try row.optionalText(3),
                                   state: EventPolicy.state(state, endedBy: Timestamp.now >= (try row.timestamp(6))), createdAt: try row.timestamp(5))
        }
    }
}
