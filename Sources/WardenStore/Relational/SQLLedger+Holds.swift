import WardenCore

/// The statements behind contact changes held during a ballot (``HeldContactChange``).
extension SQLLedger {
    func lockingBallot(of person: PersonID, at instant: Timestamp) throws -> Ballot? {
        try BallotRows.ballots(sql, where: "result IS NULL AND id IN (SELECT ballot_id FROM ballot_voter WHERE person_id = ?)", person.rawValue)
            .first { [.frozen, .open].contains($0.phase(at: instant)) }
    }

    func holdContactChange(_ hold: NewContactHold) throws -> Int64 {
        let request = hold.request
        return try sql.insert("""
            INSERT INTO contact_hold (ballot_id, person_id, edits, reason, source, requested_at, requested_by, account_id, grant_id, own, token_hash, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'awaiting_confirmation') RETURNING id
            """, hold.ballot.rawValue, request.personID.rawValue, try StoredJSON.text(request.edits), request.author.reason, request.source.rawValue,
            request.author.at, request.author.actor, request.author.accountID?.rawValue, hold.grantID, request.notices == nil, hold.tokenHash)
    }

    func heldChanges(to ballot: BallotID, since: Timestamp) throws -> Int {
        try sql.count("SELECT COUNT(*) FROM contact_hold WHERE ballot_id = ? AND requested_at > ?", ballot.rawValue, since)
    }

    func emailsHeldAtFreeze(of person: PersonID, ballot: BallotID) throws -> [String] {
        try sql.rows("SELECT value FROM ballot_contact WHERE ballot_id = ? AND person_id = ? AND kind = 'email' ORDER BY value",
                     ballot.rawValue, person.rawValue).map { try $0.text(0) }
    }
}
