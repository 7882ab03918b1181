import Foundation
import WardenCore

/// A followed confirmation link, in one write: the sign-up it names (unexpired), the person
/// its address belongs to or a new one (``FormPerson``), the volunteer row, the version of the
/// record, the audit entry, and the sign-up deleted.
///
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
        let found = try FormPerson(ledger: ledger, at: at).person(forenames: signUp.forenames, surname: signUp.surname, email: signUp.email,
                                                                  emailConsent: signUp.emailConsent)
        let confirmation: VolunteerConfirmation = found.created ? .created(found.person) : .matched(found.person)
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
