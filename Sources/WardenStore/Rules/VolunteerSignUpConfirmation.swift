import Foundation
import WardenCore

/// A followed confirmation link, in one write: the sign-up it names (unexpired), the person
/// its address belongs to (the first by age whose email matches, case aside) or a new person
/// with that address and the consent given, the volunteer row, the version of the record, the
/// audit entry, and the sign-up deleted.
///
/// A matched person's name is not changed (whoever controls an address should not rename the
/// record it is on); their consent to email is added when the form gave it, never taken away.
/// A matched volunteer keeps their status; their skills grow by what the form named.
struct VolunteerSignUpConfirmation<Versions: VersionLedger> {
    let ledger: SQLLedger<Versions>
    let tokenHash: [UInt8]
    /// Area identifiers by code, for the area the form named.
    let areas: [String: AreaID]
    let audit: AuditEvent

    func run() throws -> VolunteerConfirmation? {
        let sql = ledger.sql
        let at = audit.at
        guard let row = try sql.row("SELECT id, details FROM volunteer_signup WHERE token_hash = ? AND expires_at > ?", tokenHash, at) else {
            return nil
        }
        let signUp = try JSONDecoder().decode(VolunteerSignUp.self, from: Data(try row.text(1).utf8))
        try sql.execute("DELETE FROM volunteer_signup WHERE id = ?", try row.integer(0))
        let consent: Set<ContactPoint.Channel> = signUp.emailConsent ? [.email] : []
        let confirmation: VolunteerConfirmation
        if let existing = try sql.row("""
            SELECT c.person_id, c.id, c.consent FROM contact_point c WHERE c.kind = 'email' AND lower(c.value) = lower(?) ORDER BY c.id LIMIT 1
            """, signUp.email) {
            let person = PersonID(rawValue: try existing.integer(0))
            try ledger.hold(person.rawValue)
            var held = Set(try existing.text(2).split(separator: ",").compactMap { ContactPoint.Channel(rawValue: String($0)) })
            if !consent.isSubset(of: held) {
                held.formUnion(consent)
                try sql.execute("UPDATE contact_point SET consent = ? WHERE id = ?", held.sorted().map(\.rawValue).joined(separator: ","), try existing.integer(1))
            }
            confirmation = .matched(person)
        } else {
            let name = PersonName(forenames: signUp.forenames.trimmingCharacters(in: .whitespaces), surname: signUp.surname.trimmingCharacters(in: .whitespaces))
            let person = PersonID(rawValue: try sql.insert("""
                INSERT INTO person (forenames, surname, name_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id
                """, name.forenames, name.surname, name.matchKey, at, at))
            try ledger.addContact(ContactPoint(kind: .email, value: signUp.email, source: .member, consent: consent), to: person, at: at)
            confirmation = .created(person)
        }
        try volunteer(confirmation.personID, signUp)
        let binding = try ledger.version(confirmation.personID, author: VersionAuthor(
            at: at, accountID: nil, actor: audit.actor, grantID: nil, reason: "volunteer sign-up confirmed"), grantID: nil)
        let said = switch confirmation {
        case .created: "a new person, with the address and consent the form gave"
        case .matched: "an existing person's address"
        }
        try ledger.recordWrite(audit, to: confirmation.personID, classes: [.identity, .contact], versions: binding, saying: said)
        return confirmation
    }

    /// Makes `person` a volunteer, or adds what the form said to the volunteer they already are.
    private func volunteer(_ person: PersonID, _ signUp: VolunteerSignUp) throws {
        let sql = ledger.sql
        let area = areas[signUp.areaCode]
        if let existing = try VolunteerRows.volunteers(where: "v.person_id = \(person.rawValue)", sql).first {
            try sql.execute("UPDATE volunteer SET skills = ?, availability = ?, area_id = ?, updated_at = ? WHERE person_id = ?",
                            VolunteerRows.skills(existing.skills.union(signUp.skills)),
                            signUp.availability.isEmpty ? existing.availability : signUp.availability,
                            (area ?? existing.areaID)?.rawValue, audit.at, person.rawValue)
        } else {
            try sql.execute("""
                INSERT INTO volunteer (person_id, area_id, status, skills, availability, source, created_at, updated_at)
                VALUES (?, ?, 'new', ?, ?, ?, ?, ?)
                """, person.rawValue, area?.rawValue, VolunteerRows.skills(signUp.skills), signUp.availability,
                VolunteerPolicy.formSource, audit.at, audit.at)
        }
    }
}

extension LedgerEngine {
    func confirmVolunteerSignUp(tokenHash: [UInt8], areas codes: [String: AreaID], audit: AuditEvent, areas: AreaCache) async throws -> VolunteerConfirmation? {
        try await write(areas: areas) { ledger in
            try VolunteerSignUpConfirmation(ledger: ledger, tokenHash: tokenHash, areas: codes, audit: audit).run()
        }
    }
}
