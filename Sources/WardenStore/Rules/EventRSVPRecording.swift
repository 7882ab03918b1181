import Foundation
import WardenCore

/// The RSVP writes that may make a person, in one write through the rules' ledger so a new or
/// matched person is versioned and logged as any other write to a record is: a followed RSVP
/// link (the request deleted, the RSVP going or waitlisted by ``EventPolicy/newRSVPState(_:)``)
/// and a walk-in at the door (attended).
struct EventRSVPRecording<Versions: VersionLedger> {
    let ledger: SQLLedger<Versions>
    let audit: AuditEvent

    func confirm(tokenHash: [UInt8], mail: EventMail) throws -> EventRSVPConfirmation? {
        let sql = ledger.sql
        guard let row = try sql.row("SELECT id, details FROM event_rsvp_request WHERE token_hash = ? AND expires_at > ?", tokenHash, audit.at) else {
            return nil
        }
        let request = try JSONDecoder().decode(EventRSVPRequest.self, from: Data(try row.text(1).utf8))
        guard let event = try EventRows.event(request.eventID, sql) else { return nil }
        // Cancelled, started or made members-only since the reply: nothing is recorded.
        if let closed = EventPolicy.publicRefusal(of: event, at: audit.at) { throw StoreError.conflict(closed) }
        try sql.execute("DELETE FROM event_rsvp_request WHERE id = ?", try row.integer(0))
        let found = try FormPerson(ledger: ledger, at: audit.at).person(forenames: request.forenames, surname: request.surname,
                                                                        email: request.email, emailConsent: request.emailConsent)
        let state = try EventWaitlist(sql: sql, event: event).place(found.person, email: request.email, source: "RSVP form", tokenHash: tokenHash, at: audit.at)
        try EventRows.queue(mail.confirmed(event, state, request.email), at: audit.at, sql)
        let binding = try ledger.version(found.person, author: VersionAuthor(
            at: audit.at, accountID: nil, actor: audit.actor, grantID: nil, reason: "RSVP confirmed"), grantID: nil)
        try ledger.recordWrite(audit, to: found.person, classes: [.identity, .contact], versions: binding,
                               saying: "event \(event.id): \(state.rawValue)" + (found.created ? ", a new person" : ""))
        return EventRSVPConfirmation(eventID: event.id, personID: found.person, state: state)
    }

    func walkIn(_ id: EventID, forenames: String, surname: String, email: String?) throws -> PersonID {
        let sql = ledger.sql
        guard let event = try EventRows.event(id, sql) else { throw StoreError.notFound("no event \(id)") }
        let found = try FormPerson(ledger: ledger, at: audit.at).person(forenames: forenames, surname: surname, email: email, emailConsent: false)
        try EventWaitlist(sql: sql, event: event).checkIn(found.person, email: email, at: audit.at)
        let binding = try ledger.version(found.person, author: VersionAuthor(
            at: audit.at, accountID: audit.accountID, actor: audit.actor, grantID: nil, reason: "walk-in at an event"), grantID: nil)
        try ledger.recordWrite(audit, to: found.person, classes: [.identity, .contact], versions: binding,
                               saying: "walk-in attended" + (found.created ? ", a new person" : ""))
        return found.person
    }
}

extension LedgerEngine {
    func confirmRSVP(tokenHash: [UInt8], mail: EventMail, audit: AuditEvent, areas: AreaCache) async throws -> EventRSVPConfirmation? {
        try await write(areas: areas) { ledger in try EventRSVPRecording(ledger: ledger, audit: audit).confirm(tokenHash: tokenHash, mail: mail) }
    }

    func addWalkIn(_ id: EventID, forenames: String, surname: String, email: String?, audit: AuditEvent, areas: AreaCache) async throws -> PersonID {
        try await write(areas: areas) { ledger in
            try EventRSVPRecording(ledger: ledger, audit: audit).walkIn(id, forenames: forenames, surname: surname, email: email)
        }
    }
}
