import Foundation
import WardenCore

/// The housekeeping turn over held changes, in one write: each confirmed change whose
/// cooling-off has ended is made as it was asked for (``ContactChange``, versioned and
/// noticed like any other), and each change never confirmed by its ballot's close lapses.
struct HeldChangeRelease<Versions: VersionLedger> {
    let ledger: SQLLedger<Versions>
    let at: Timestamp
    let notices: NoticeMaker

    func run() throws -> (applied: Int, lapsed: Int) {
        let sql = ledger.sql
        var applied = 0
        for row in try sql.rows("""
            SELECT id, ballot_id, person_id, edits, reason, source, requested_by, account_id, grant_id, own FROM contact_hold
            WHERE state = 'cooling_off' AND applies_at <= ? ORDER BY id
            """, at) {
            let id = try row.integer(0)
            let ballot = try row.integer(1)
            let grant = try row.optionalInteger(8)
            let account = try row.optionalInteger(7).map { AccountID($0) }
            let reason = "\(try row.text(4)) (held during ballot \(ballot), confirmed)"
            let request = ContactChangeRequest(
                personID: PersonID(try row.integer(2)), edits: try JSONDecoder().decode([ContactEdit].self, from: Data(try row.text(3).utf8)),
                author: VersionAuthor(at: at, accountID: account, actor: try row.text(6), grantID: grant, reason: reason),
                audit: AuditEvent(at: at, actorLabel: try row.text(6), accountID: account, action: .write, purpose: nil, outcome: .allowed,
                                  detail: "contact details (\(reason)): held change \(id) made", dataClasses: [], people: []),
                standing: nil, source: ContactPoint.Source(rawValue: try row.text(5)) ?? .manual,
                notices: try row.bool(9) ? nil : notices, watch: nil, holds: nil) { _ in .allowed(grantID: grant) }
            _ = try ContactChange(ledger: ledger, request: request).run()
            try sql.execute("UPDATE contact_hold SET state = 'applied', settled_at = ? WHERE id = ?", at, id)
            applied += 1
        }
        var lapsed = 0
        let waiting = Set(try sql.rows("SELECT DISTINCT ballot_id FROM contact_hold WHERE state = 'awaiting_confirmation'").map { try $0.integer(0) })
        for ballot in waiting {
            guard [.closed, .counted].contains(try BallotRows.ballot(BallotID(ballot), sql).phase(at: at)) else { continue }
            lapsed += try sql.execute("UPDATE contact_hold SET state = 'lapsed', settled_at = ? WHERE ballot_id = ? AND state = 'awaiting_confirmation'",
                                      at, ballot)
        }
        return (applied, lapsed)
    }
}
