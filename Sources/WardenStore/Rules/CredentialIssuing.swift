import WardenCore

/// Issuing and voiding credentials, in one write transaction each: a voter holds at most one
/// live credential across every channel; issuing again voids the old one and the new one
/// waits out the ballot's cooling-off; and every issue and void is told to the contact
/// points held at the freeze.
struct CredentialIssuing {
    let sql: any SQLSession

    func issue(_ request: CredentialIssue) throws -> CredentialIssueOutcome {
        let ballot = try BallotRows.ballot(request.ballot.id, sql)
        guard let person = try Self.voter(request.voter, on: ballot, sql) else { return .notOnElectorate }
        let at = request.audit.at
        let notices = BallotNotices(sql: sql, ballot: ballot)
        let held = try notices.contacts(of: person)
        if request.channel == .online, held.emails.isEmpty { return .noEmailHeld }
        let replaced = try sql.execute("UPDATE ballot_credential SET voided_at = ? WHERE ballot_id = ? AND person_id = ? AND voided_at IS NULL",
                                       at, ballot.id.rawValue, person) > 0
        // A credential issued again waits out the cooling-off, so the voter, told, can stop it
        // before it is used; unless it goes by email to the address held at the freeze, where
        // whoever asked for it again cannot read it.
        let usableFrom = replaced && request.channel != .online ? at.adding(seconds: Int64(ballot.coolingOffHours) * 3_600) : at
        try sql.execute("""
            INSERT INTO ballot_credential (ballot_id, person_id, hash, channel, issued_at, issued_by, usable_from) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, ballot.id.rawValue, person, BallotCredential.hash(request.credential), request.channel.rawValue, at, request.audit.actor, usableFrom)
        let (subject, body) = notices.issued(request.channel, replaced: replaced, usableFrom: usableFrom, by: request.audit.actor, at: at)
        var credentialTo: String?
        if request.channel == .online, let email = held.emails.first {
            credentialTo = email
            try OutboxRows.queueSecret(to: email, subject: "Your ballot credential: \(ballot.title)", body: """
                Your credential to vote in "\(ballot.title)" is:

                    \(request.credential)

                Vote between \(ballot.opensAt) and \(ballot.closesAt) (UTC) on the ballot's page, entering this credential. It works once. \
                Keep it to yourself: whoever holds it can vote in your name.

                \(body)
                """, at: at, sql)
        }
        let sent = try notices.send(subject, body, to: held, except: credentialTo, at: at)
        var event = request.audit
        event.people = [PersonID(person)]
        event.detail = "ballot \(ballot.id): credential issued \(request.channel.words)"
            + (replaced ? ", replacing the voter's earlier one (usable from \(usableFrom))" : "")
            + "; \(sent.emailed + (credentialTo == nil ? 0 : 1)) emails to the contacts held at the freeze, \(sent.toPost) to post"
        try AuditRows.insert(event, sql)
        return .issued(replaced: replaced, usableFrom: usableFrom, notices: sent.emailed + (credentialTo == nil ? 0 : 1), toPost: sent.toPost)
    }

    func void(_ request: CredentialVoid) throws -> Bool {
        let ballot = try BallotRows.ballot(request.ballot.id, sql)
        guard let person = try Self.voter(request.voter, on: ballot, sql) else { return false }
        if try sql.count("SELECT COUNT(*) FROM ballot_credential WHERE ballot_id = ? AND person_id = ? AND voided_at IS NULL AND spent = 1",
                         ballot.id.rawValue, person) > 0 {
            throw StoreError.conflict("this voter's credential has been used: a cast ballot is linked to no one, so it cannot be taken out")
        }
        let at = request.audit.at
        guard try sql.execute("UPDATE ballot_credential SET voided_at = ? WHERE ballot_id = ? AND person_id = ? AND voided_at IS NULL",
                              at, ballot.id.rawValue, person) > 0 else { return false }
        let notices = BallotNotices(sql: sql, ballot: ballot)
        let (subject, body) = notices.voided(by: request.audit.actor, at: at)
        let sent = try notices.send(subject, body, to: try notices.contacts(of: person), at: at)
        var event = request.audit
        event.people = [PersonID(person)]
        event.detail = "ballot \(ballot.id): credential voided; \(sent.emailed) emails to the contacts held at the freeze, \(sent.toPost) to post"
        try AuditRows.insert(event, sql)
        return true
    }

    /// The voter's person identifier, if they are on the ballot's frozen electorate.
    static func voter(_ voter: BallotVoter, on ballot: Ballot, _ sql: any SQLSession) throws -> Int64? {
        switch voter {
        case .person(let id):
            try sql.row("SELECT person_id FROM ballot_voter WHERE ballot_id = ? AND person_id = ?", ballot.id.rawValue, id.rawValue)?.integer(0)
        case .membershipNumber(let number):
            try sql.row("""
                SELECT v.person_id FROM ballot_voter v JOIN member m ON m.person_id = v.person_id
                WHERE v.ballot_id = ? AND m.membership_number = ?
                """, ballot.id.rawValue, number)?.integer(0)
        }
    }
}
