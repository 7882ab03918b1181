import Foundation
public import WardenCore

/// Ballot rows: the whole ``Ballot`` as JSON in `setup`, beside the columns it is found by.
enum BallotRows {
    static func ballots(_ sql: any SQLSession, where condition: String, limit: Int? = nil, _ arguments: any SQLBindable...) throws -> [Ballot] {
        let decoder = JSONDecoder()
        return try sql.rows("SELECT id, setup FROM ballot WHERE \(condition) ORDER BY id DESC" + (limit.map { " LIMIT \($0)" } ?? ""),
                            arguments.map(\.sqlValue)).map { row in
            var ballot = try decoder.decode(Ballot.self, from: Data(try row.text(1).utf8))
            ballot.id = BallotID(try row.integer(0))
            return ballot
        }
    }

    static func ballot(_ id: BallotID, _ sql: any SQLSession) throws -> Ballot {
        guard let ballot = try ballots(sql, where: "id = ?", id.rawValue).first else { throw StoreError.notFound("no ballot \(id)") }
        return ballot
    }

    static func save(_ ballot: Ballot, _ sql: any SQLSession) throws {
        guard try sql.execute("UPDATE ballot SET setup = ? WHERE id = ?", try StoredJSON.text(ballot), ballot.id.rawValue) == 1 else {
            throw StoreError.notFound("no ballot \(ballot.id)")
        }
    }

    /// Holds the ballot's row for the rest of the transaction (a write that changes nothing:
    /// both engines lock a row they update).
    static func lock(_ id: BallotID, _ sql: any SQLSession) throws {
        guard try sql.execute("UPDATE ballot SET unmixed = unmixed WHERE id = ?", id.rawValue) == 1 else {
            throw StoreError.notFound("no ballot \(id)")
        }
    }

    /// The detail of a tracker's entry on the bulletin board.
    static func boardDetail(_ ballot: BallotID, tracker: String) -> String {
        "ballot \(ballot.rawValue): tracker \(tracker)"
    }
}

extension RelationalStore {
    public func createBallot(_ draft: Ballot, audit: AuditEvent) async throws -> Ballot {
        try await engine.write { sql in
            var created = draft
            created.id = BallotID(try sql.insert("INSERT INTO ballot (title, area_id, setup) VALUES (?, ?, ?) RETURNING id",
                                                 draft.title, draft.areaID.rawValue, try StoredJSON.text(draft)))
            try BallotRows.save(created, sql)
            var event = audit
            event.detail = "ballot \(created.id): set up, \(created.candidates.count) candidates for \(created.seats) seats"
            try AuditRows.insert(event, sql)
            return created
        }
    }

    public func ballot(_ id: BallotID) async throws -> Ballot? {
        try await engine.read { sql in try BallotRows.ballots(sql, where: "id = ?", id.rawValue).first }
    }

    public func ballots(limit: Int) async throws -> [Ballot] {
        try await engine.read { sql in try BallotRows.ballots(sql, where: "TRUE", limit: limit) }
    }

    public func updateTrustees(of ballot: Ballot, audit: AuditEvent) async throws {
        try await engine.write { sql in
            var stored = try BallotRows.ballot(ballot.id, sql)
            guard stored.frozen == nil else { throw StoreError.conflict("ballot \(ballot.id) is frozen: its trustees are fixed") }
            stored.trustees = ballot.trustees
            try BallotRows.save(stored, sql)
            try AuditRows.insert(audit, sql)
        }
    }

    public func sealedShare(of ballot: BallotID, seat: Int) async throws -> [UInt8]? {
        try await engine.read { sql in
            try sql.row("SELECT sealed FROM ballot_share WHERE ballot_id = ? AND seat = ?", ballot.rawValue, seat)?.blob(0)
        }
    }

    public func returnShare(of ballot: BallotID, seat: Int, share: [UInt8], audit: AuditEvent) async throws -> [Int] {
        try await engine.write { sql in
            guard try sql.execute("UPDATE ballot_share SET returned = ? WHERE ballot_id = ? AND seat = ?", share, ballot.rawValue, seat) == 1 else {
                throw StoreError.notFound("ballot \(ballot) has no share for seat \(seat)")
            }
            try AuditRows.insert(audit, sql)
            return try sql.rows("SELECT seat FROM ballot_share WHERE ballot_id = ? AND returned IS NOT NULL ORDER BY seat", ballot.rawValue)
                .map { try $0.int(0) }
        }
    }

    public func ballotBox(_ ballot: BallotID) async throws -> BallotBox {
        try await engine.read { sql in
            let sealed = try sql.rows("SELECT sealed FROM ballot_box WHERE ballot_id = ? ORDER BY tracker", ballot.rawValue).map { row in
                guard let sealed = BallotSeal.Sealed(bytes: try row.blob(0)) else { throw StoreError.conflict("ballot \(ballot): a sealed ranking too short to be one") }
                return sealed
            }
            var shares: [Int: [UInt8]] = [:]
            for row in try sql.rows("SELECT seat, returned FROM ballot_share WHERE ballot_id = ? AND returned IS NOT NULL", ballot.rawValue) {
                shares[try row.int(0)] = try row.blob(1)
            }
            let prefix = BallotRows.boardDetail(ballot, tracker: "")
            let board = try sql.rows("SELECT detail FROM audit_event WHERE action = 'ballot_cast' AND detail LIKE ?", prefix + "%")
                .map { String(try $0.text(0).dropFirst(prefix.count)) }
            return BallotBox(
                sealed: sealed, returnedShares: shares,
                lotSeed: try sql.row("SELECT lot_seed FROM ballot WHERE id = ?", ballot.rawValue)?.optionalBlob(0) ?? [],
                credentialsSpent: try sql.count("SELECT COUNT(*) FROM ballot_credential WHERE ballot_id = ? AND spent = 1", ballot.rawValue),
                trackersOnBoard: Set(board))
        }
    }

    public func publishResult(_ result: BallotResult, of ballot: BallotID, audit: AuditEvent) async throws {
        try await engine.write { sql in
            var stored = try BallotRows.ballot(ballot, sql)
            guard stored.countedAt == nil else { throw StoreError.conflict("ballot \(ballot) is already counted") }
            stored.countedAt = result.countedAt
            try BallotRows.save(stored, sql)
            try sql.execute("UPDATE ballot SET result = ? WHERE id = ?", try StoredJSON.text(result), ballot.rawValue)
            // The key is open now; the shares that opened it are no longer anyone's secret to keep.
            try sql.execute("UPDATE ballot_share SET returned = NULL WHERE ballot_id = ?", ballot.rawValue)
            try AuditRows.insert(audit, sql)
        }
    }

    public func result(of ballot: BallotID) async throws -> BallotResult? {
        try await engine.read { sql in
            try sql.row("SELECT result FROM ballot WHERE id = ?", ballot.rawValue)?.optionalText(0).map {
                try JSONDecoder().decode(BallotResult.self, from: Data($0.utf8))
            }
        }
    }

    public func mixBallotBoxes() async throws -> Int {
        let ballots = try await engine.read { sql in try sql.rows("SELECT id FROM ballot WHERE unmixed > 0").map { try $0.integer(0) } }
        for ballot in ballots {
            try await engine.write { sql in try BallotBoxMixing(sql: sql, ballot: ballot).run() }
        }
        return ballots.count
    }

    public func boardEntry(of ballot: BallotID, tracker: String) async throws -> BoardEntry? {
        try await engine.write { [engine] sql in
            try engine.numberLog(sql)
            return try sql.row("SELECT leaf, at FROM audit_event WHERE action = 'ballot_cast' AND detail = ?",
                               BallotRows.boardDetail(ballot, tracker: tracker)).map { row in
                BoardEntry(tracker: tracker, leaf: try row.optionalInteger(0).map(UInt64.init), at: try row.timestamp(1))
            }
        }
    }
}
