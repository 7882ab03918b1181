import WardenCore

/// An event's RSVPs inside one transaction: its numbers, a new RSVP's place, a check-in, and
/// the waitlist's promotion into the places that have come up, first come first served
/// (``EventPolicy/waitlistOrder``), each promoted person emailed and the promotion in the log,
/// in the same transaction as the write that freed the places.
struct EventWaitlist {
    let sql: any SQLSession
    let event: Event

    /// Takes the event's row for the rest of the transaction, so two replies or a reply and a
    /// cancellation to one event take turns and the capacity holds: a no-op update, which
    /// locks the row on PostgreSQL (whose reads after it see what the other committed) and
    /// costs nothing on SQLite's single writer.
    func hold() throws {
        try sql.execute("UPDATE event SET updated_at = updated_at WHERE id = ?", event.id.rawValue)
    }

    /// The event's numbers at `instant`, against its capacity as stored now (an organiser may
    /// have changed it since `event` was read).
    func numbers(at instant: Timestamp) throws -> EventNumbers {
        let capacity = try sql.row("SELECT capacity FROM event WHERE id = ?", event.id.rawValue)?.int(0) ?? event.details.capacity
        return EventNumbers(capacity: capacity, states: try EventRows.rsvps(of: event.id, sql).map(\.state), ends: event.details.ends, at: instant)
    }

    /// Places `person`'s RSVP (``EventPolicy/newRSVPState(_:)``), last in the order, and
    /// returns its state. A reply from someone already going or waiting keeps their place; the
    /// newest link (`tokenHash`) is the one that cancels it.
    func place(_ person: PersonID, email: String?, source: String, tokenHash: [UInt8], at instant: Timestamp) throws -> RSVPState {
        try hold()
        if let existing = try EventRows.rsvps(of: event.id, sql).first(where: { $0.personID == person }), existing.state != .cancelled {
            try sql.execute("UPDATE event_rsvp SET manage_token_hash = ?, email = COALESCE(?, email), updated_at = ? WHERE event_id = ? AND person_id = ?",
                            tokenHash, email, instant, event.id.rawValue, person.rawValue)
            return existing.state
        }
        let state = EventPolicy.newRSVPState(try numbers(at: instant))
        try sql.execute("DELETE FROM event_rsvp WHERE event_id = ? AND person_id = ?", event.id.rawValue, person.rawValue)
        try insert(person, state: state, email: email, source: source, tokenHash: tokenHash, at: instant)
        return state
    }

    /// Records `person` as attended: their RSVP checked in, or a new one for a walk-in.
    func checkIn(_ person: PersonID, email: String?, at instant: Timestamp) throws {
        try hold()
        let changed = try sql.execute("UPDATE event_rsvp SET state = 'attended', updated_at = ? WHERE event_id = ? AND person_id = ?",
                                      instant, event.id.rawValue, person.rawValue)
        if changed == 0 { try insert(person, state: .attended, email: email, source: "walk-in", tokenHash: nil, at: instant) }
    }

    private func insert(_ person: PersonID, state: RSVPState, email: String?, source: String, tokenHash: [UInt8]?, at instant: Timestamp) throws {
        let position = try sql.count("SELECT COALESCE(MAX(position), 0) FROM event_rsvp WHERE event_id = ?", event.id.rawValue) + 1
        try sql.execute("""
            INSERT INTO event_rsvp (event_id, person_id, position, state, email, source, manage_token_hash, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, event.id.rawValue, person.rawValue, position, state.rawValue, email, source, tokenHash, instant, instant)
    }

    /// Promotes the waitlisted into the places left; returns the people promoted, in order.
    func promote(mail: EventMail, audit: AuditEvent) throws -> [PersonID] {
        guard !event.cancelled, audit.at < event.details.ends else { return [] }
        try hold()
        let promoted = EventPolicy.waitlistOrder(try EventRows.rsvps(of: event.id, sql), numbers: try numbers(at: audit.at))
        guard !promoted.isEmpty else { return [] }
        for rsvp in promoted {
            try sql.execute("UPDATE event_rsvp SET state = 'going', updated_at = ? WHERE event_id = ? AND person_id = ?",
                            audit.at, event.id.rawValue, rsvp.personID.rawValue)
            if let to = try EventRows.email(event.id, rsvp.personID, sql) {
                try EventRows.queue(mail.placeCameUp(event, to), at: audit.at, sql)
            }
        }
        var entry = audit
        entry.detail = "event \(event.id): \(promoted.count) waitlisted given a place, in order"
        entry.people = promoted.map(\.personID)
        entry.dataClasses = [.contact]
        try AuditRows.insert(entry, sql)
        return promoted.map(\.personID)
    }
}
