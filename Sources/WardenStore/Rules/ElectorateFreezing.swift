import WardenCore

/// The freeze, in one write transaction: who may vote, where each voter is reached, the
/// ballot's key material, and the log entry that fixes the electorate's size and root.
struct ElectorateFreezing {
    let sql: any SQLSession
    let request: ElectorateFreeze
    let areas: [AreaID: Area]

    /// Contact changes by others in this many days before the freeze are flagged: the window
    /// in which the Croydon East details were changed.
    static let flaggedDays = 60

    func run() throws -> FrozenElectorate {
        var ballot = try BallotRows.ballot(request.ballot.id, sql)
        guard ballot.frozen == nil else { throw StoreError.conflict("ballot \(ballot.id) is already frozen") }
        let at = request.audit.at
        let people = try sql.rows("""
            SELECT DISTINCT m.person_id FROM member m JOIN person p ON p.id = m.person_id
            LEFT JOIN household h ON h.id = p.household_id
            LEFT JOIN elector e ON e.person_id = p.id AND e.current = 1
            WHERE m.status IN ('active','in_arrears') AND m.joined_on IS NOT NULL AND m.joined_on <= ?
              AND \(PersonRows.placement(in: [ballot.areaID], all: areas))
            """, ballot.electorate.joinedOnOrBefore.description).map { try $0.integer(0) }
        var references: [String] = []
        references.reserveCapacity(people.count)
        for person in people {
            let reference = Electorate.reference(of: PersonID(person), key: request.electorateKey)
            try sql.execute("INSERT INTO ballot_voter (ballot_id, person_id, reference) VALUES (?, ?, ?)", ballot.id.rawValue, person, reference)
            references.append(reference)
        }
        // Flagged: voters whose contact details someone else changed in the window before.
        let flagged = try sql.execute("""
            UPDATE ballot_voter SET flagged = 1 WHERE ballot_id = ? AND person_id IN (
                SELECT ap.person_id FROM audit_person ap JOIN audit_event ae ON ae.id = ap.event_id
                WHERE ae.action = 'write' AND ae.outcome = 'allowed' AND ae.data_classes = 'contact' AND ae.at >= ?
                  AND NOT EXISTS (SELECT 1 FROM account a WHERE a.id = ae.account_id AND a.person_id = ap.person_id))
            """, ballot.id.rawValue, at.adding(days: -Self.flaggedDays))
        try sql.execute("""
            INSERT INTO ballot_contact (ballot_id, person_id, kind, value)
            SELECT DISTINCT v.ballot_id, c.person_id, c.kind, c.value FROM ballot_voter v JOIN contact_point c ON c.person_id = v.person_id
            WHERE v.ballot_id = ?
            """, ballot.id.rawValue)
        for (index, share) in request.sealedShares.enumerated() {
            try sql.execute("INSERT INTO ballot_share (ballot_id, seat, sealed) VALUES (?, ?, ?)", ballot.id.rawValue, index + 1, share)
        }
        try sql.execute("UPDATE ballot SET electorate_key = ?, lot_seed = ? WHERE id = ?", request.electorateKey, request.lotSeed, ballot.id.rawValue)
        let frozen = FrozenElectorate(at: at, size: references.count, root: Hex.encode(Electorate.root(references)),
                                      publicKey: request.publicKey, lotCommitment: BallotCount.commitment(to: request.lotSeed),
                                      recentlyChanged: flagged)
        ballot.frozen = frozen
        try BallotRows.save(ballot, sql)
        var event = request.audit
        event.detail = "ballot \(ballot.id): electorate frozen, \(frozen.size) voters, root \(frozen.root); "
            + "ballot key \(Hex.encode(frozen.publicKey)); lot seed committed \(frozen.lotCommitment); "
            + "\(flagged) voters had contact details changed by others in the \(Self.flaggedDays) days before"
        try AuditRows.insert(event, sql)
        return frozen
    }
}
