import WardenCore

/// An event's RSVPs inside one transaction: its numbers, and the waitlist's promotion into
/// the places that have come up, first come first served (``EventPolicy/waitlistOrder``),
/// each promoted person emailed and the promotion in the log, in the same transaction as the
/// write that freed the places.
struct EventWaitlist {
    let sql: any SQLSession
    let event: Event

    func numbers(at instant: Timestamp) throws -> EventNumbers {
        EventNumbers(capacity: event.details.capacity, states: try EventRows.rsvps(of: event.id, sql).map(\.state),
                     ends: event.details.ends, at: instant)
    }

    /// Promotes the waitlisted into the places left; returns the people promoted, in order.
    func promote(mail: EventMail, audit: AuditEvent) throws -> [PersonID] {
        guard !event.cancelled, audit.at < event.details.ends else { return [] }
        let rsvps = try EventRows.rsvps(of: event.id, sql)
        let numbers = EventNumbers(capacity: event.details.capacity, states: rsvps.map(\.state), ends: event.details.ends, at: audit.at)
        let promoted = EventPolicy.waitlistOrder(rsvps, numbers: numbers)
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
