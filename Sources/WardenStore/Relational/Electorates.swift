public import WardenCore

/// A ballot's voters over whichever engine (``ElectorateFreezing``, ``CredentialIssuing``, ``BallotCasting``).
extension RelationalStore {
    @_spi(Gate) public func freezeElectorate(_ request: ElectorateFreeze) async throws -> FrozenElectorate {
        try await engine.standingWrite(request.standing, areas: areaCache) { sql, areas in
            try ElectorateFreezing(sql: sql, request: request, areas: areas).run()
        }
    }

    @_spi(Gate) public func issueCredential(_ request: CredentialIssue) async throws -> CredentialIssueOutcome {
        try await engine.standingWrite(request.standing, areas: areaCache) { sql, _ in try CredentialIssuing(sql: sql).issue(request) }
    }

    @_spi(Gate) public func voidCredential(_ request: CredentialVoid) async throws -> Bool {
        try await engine.standingWrite(request.standing, areas: areaCache) { sql, _ in try CredentialIssuing(sql: sql).void(request) }
    }

    @_spi(Gate) public func cast(_ request: BallotCast) async throws -> BallotCastOutcome {
        try await engine.write { sql in try BallotCasting(sql: sql, request: request).run() }
    }

    @_spi(Gate) public func markedRegister(of ballot: BallotID, audit: AuditEvent) async throws -> [MarkedRegisterLine] {
        try await engine.write { sql in
            let lines = try sql.rows("""
                SELECT v.reference, c.channel, c.spent,
                       (SELECT COUNT(*) FROM ballot_credential a WHERE a.ballot_id = v.ballot_id AND a.person_id = v.person_id),
                       v.flagged
                FROM ballot_voter v
                LEFT JOIN ballot_credential c ON c.ballot_id = v.ballot_id AND c.person_id = v.person_id AND c.voided_at IS NULL
                WHERE v.ballot_id = ? ORDER BY v.reference
                """, ballot.rawValue).map { row in
                MarkedRegisterLine(reference: try row.text(0), issued: try row.optionalText(1).flatMap(BallotChannel.init(rawValue:)),
                                   issues: try row.int(3), voted: try row.optionalInteger(2) == 1, contactsChangedBeforeFreeze: try row.bool(4))
            }
            var event = audit
            event.detail += ": \(lines.count) voters"
            try AuditRows.insert(event, sql)
            return lines
        }
    }

    @_spi(Gate) public func inclusion(of person: PersonID, in ballot: BallotID, audit: AuditEvent) async throws -> Electorate.Inclusion? {
        try await engine.write { sql in
            try AuditRows.insert(audit, sql)
            guard let mine = try sql.row("SELECT reference FROM ballot_voter WHERE ballot_id = ? AND person_id = ?",
                                         ballot.rawValue, person.rawValue)?.text(0) else { return nil }
            let all = try sql.rows("SELECT reference FROM ballot_voter WHERE ballot_id = ?", ballot.rawValue).map { try $0.text(0) }
            return Electorate.inclusion(of: mine, in: all)
        }
    }
}

extension LedgerEngine {
    /// A write for an actor whose standing is checked first, with the area hierarchy (a ballot's, a mailing's).
    func standingWrite<T: Sendable>(
        _ standing: AccessStanding?, areas: AreaCache, _ body: @escaping @Sendable (any SQLSession, [AreaID: Area]) throws -> T
    ) async throws -> T {
        try await write(areas: areas) { ledger in
            try ledger.checkStanding(standing)
            return try body(ledger.sql, try ledger.areas())
        }
    }
}
