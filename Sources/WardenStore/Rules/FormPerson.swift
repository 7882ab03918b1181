import Foundation
import WardenCore

/// The person a confirmed public form (a volunteer's sign-up, an event's RSVP) is about: the
/// first by age whose email matches the form's address, case aside, or a new person with that
/// name, address and consent.
///
/// A matched person's name is not changed (whoever controls an address should not rename the
/// record it is on); their consent to email is added when the form gave it, never taken away.
/// The caller versions the record and records the write, with whatever else its form does.
struct FormPerson<Versions: VersionLedger> {
    let ledger: SQLLedger<Versions>
    let at: Timestamp

    /// Matches `email` to a person or records a new one named `forenames` `surname`;
    /// `created` says which. With no `email` (a walk-in who gave none), always a new person.
    func person(forenames: String, surname: String, email: String?, emailConsent: Bool) throws -> (person: PersonID, created: Bool) {
        let sql = ledger.sql
        let consent: Set<ContactPoint.Channel> = emailConsent ? [.email] : []
        if let email, let existing = try sql.row("""
            SELECT c.person_id, c.id, c.consent FROM contact_point c WHERE c.kind = 'email' AND lower(c.value) = lower(?) ORDER BY c.id LIMIT 1
            """, email) {
            let person = PersonID(rawValue: try existing.integer(0))
            try ledger.hold(person.rawValue)
            var held = Set(try existing.text(2).split(separator: ",").compactMap { ContactPoint.Channel(rawValue: String($0)) })
            if !consent.isSubset(of: held) {
                held.formUnion(consent)
                try sql.execute("UPDATE contact_point SET consent = ? WHERE id = ?", held.sorted().map(\.rawValue).joined(separator: ","), try existing.integer(1))
            }
            return (person, false)
        }
        let name = PersonName(forenames: forenames.trimmingCharacters(in: .whitespaces), surname: surname.trimmingCharacters(in: .whitespaces))
        let person = PersonID(rawValue: try sql.insert("""
            INSERT INTO person (forenames, surname, name_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id
            """, name.forenames, name.surname, name.matchKey, at, at))
        if let email {
            try ledger.addContact(ContactPoint(kind: .email, value: email, source: .member, consent: consent), to: person, at: at)
        }
        return (person, true)
    }
}
