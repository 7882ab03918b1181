import WardenCore

/// Casting, in one write transaction: the credential is spent and the sealed ranking stored
/// together, or neither. What is stored holds no voter and no time: the box row is the
/// tracker and the sealed ranking; the credential keeps only that it was spent; the log's
/// entry (the bulletin board) names the tracker and no one. An attempt with a credential
/// voided, or issued again and still held, is refused and told to the voter and the DPO.
struct BallotCasting {
    let sql: any SQLSession
    let request: BallotCast

    /// Who the log says cast: the box, never a voter.
    static let actor = "ballot box"

    func run() throws -> BallotCastOutcome {
        // The ballot's row first: casts and the mixing of the box (``BallotBoxMixing``) take it
        // before anything else, so on PostgreSQL they wait for each other rather than deadlock.
        try BallotRows.lock(request.ballot.id, sql)
        let ballot = try BallotRows.ballot(request.ballot.id, sql)
        guard ballot.phase(at: request.at) == .open else { throw StoreError.conflict("ballot \(ballot.id) is not open") }
        guard let credential = try sql.row("""
            SELECT c.id, c.person_id, c.usable_from, c.voided_at, c.spent, m.status FROM ballot_credential c
            LEFT JOIN member m ON m.person_id = c.person_id WHERE c.ballot_id = ? AND c.hash = ?
            """, ballot.id.rawValue, request.credentialHash) else {
            try refuse(ballot, "a credential this ballot never issued", person: nil)
            return .unknownCredential
        }
        let person = try credential.integer(1)
        if try credential.optionalTimestamp(3) != nil {
            try refuse(ballot, "a voided credential", person: person, outcome: .voided)
            return .voided
        }
        if try credential.bool(4) {
            try refuse(ballot, "a credential already used", person: person)
            return .alreadySpent
        }
        let usableFrom = try credential.timestamp(2)
        if request.at < usableFrom {
            try refuse(ballot, "a credential issued again, held until \(usableFrom)", person: person, outcome: .held(until: usableFrom))
            return .held(until: usableFrom)
        }
        guard let status = try credential.optionalText(5).flatMap(MembershipStatus.init(rawValue:)), ballot.electorate.admits(status) else {
            try refuse(ballot, "a voter not in good standing", person: person)
            return .notInGoodStanding
        }
        guard try sql.execute("UPDATE ballot_credential SET spent = 1 WHERE id = ? AND spent = 0", try credential.integer(0)) == 1 else {
            return .alreadySpent
        }
        let tracker = request.sealed.tracker
        try sql.execute("INSERT INTO ballot_box (ballot_id, tracker, sealed) VALUES (?, ?, ?)", ballot.id.rawValue, tracker, request.sealed.bytes)
        try sql.execute("UPDATE ballot SET unmixed = unmixed + 1 WHERE id = ?", ballot.id.rawValue)
        try AuditRows.insert(AuditEvent(at: request.at, actorLabel: Self.actor, accountID: nil, action: .ballotCast, purpose: nil,
                                        outcome: .allowed, detail: BallotRows.boardDetail(ballot.id, tracker: tracker), dataClasses: [], people: []), sql)
        return .cast(tracker: tracker)
    }

    /// Records a refused attempt; one that looks like a vote taken in someone's name is told
    /// to them (at the contacts held at the freeze) and alerts the DPO.
    private func refuse(_ ballot: Ballot, _ why: String, person: Int64?, outcome: BallotCastOutcome? = nil) throws {
        let event = AuditEvent(at: request.at, actorLabel: Self.actor, accountID: nil, action: .ballotCast, purpose: nil, outcome: .refused,
                               detail: "ballot \(ballot.id): refused \(why)", dataClasses: [], people: person.map { [PersonID($0)] } ?? [])
        guard let outcome, let person else { return try AuditRows.insert(event, sql) }
        let notices = BallotNotices(sql: sql, ballot: ballot)
        let (subject, body) = notices.attempted(outcome, at: request.at)
        _ = try notices.send(subject, body, to: try notices.contacts(of: person), at: request.at)
        try AlertRows.raise(AlertDraft(kind: .ballot, accountID: nil, actor: Self.actor,
                                       detail: "ballot \(ballot.id): someone tried to vote with \(why); the voter has been told"),
                            at: request.at, dedupeWithin: nil, sql)
        try AuditRows.insert(event, sql)
    }
}
