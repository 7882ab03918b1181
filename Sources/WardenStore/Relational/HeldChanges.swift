import Foundation
public import WardenCore

/// Contact changes held during ballots over whichever engine (``ContactHolding``, ``HeldChangeRelease``).
extension RelationalStore {
    @_spi(Gate) public func heldChanges(of ballot: BallotID, audit: AuditEvent) async throws -> [HeldContactChange] {
        try await engine.write { sql in
            let held = try HeldChangeRows.held(sql, where: "h.ballot_id = ?", ballot.rawValue)
            var event = audit
            event.detail += ": \(held.count) held changes"
            try AuditRows.insert(event, sql)
            return held
        }
    }

    @_spi(Gate) public func answerHeldChange(_ answer: HeldChangeAnswer) async throws -> HeldContactChange.State? {
        try await engine.write { sql in
            let (condition, key): (String, any SQLBindable) = switch answer.which {
            case .token(let hash): ("token_hash = ?", hash)
            case .held(let id, _): ("id = ?", id)
            }
            guard let row = try sql.row("SELECT id, ballot_id, person_id, state, requested_by, account_id FROM contact_hold WHERE \(condition)", key) else {
                return nil
            }
            let id = try row.integer(0)
            let ballot = try BallotRows.ballot(BallotID(try row.integer(1)), sql)
            if case .held(_, let expected) = answer.which, expected != ballot.id { return nil }
            let state = HeldContactChange.State(rawValue: try row.text(3)) ?? .refused
            guard state == .awaitingConfirmation else { return state }
            let at = answer.audit.at
            var event = answer.audit
            event.people = [PersonID(try row.integer(2))]
            if answer.confirm {
                let applies = at.adding(seconds: Int64(ballot.coolingOffHours) * 3_600)
                try sql.execute("UPDATE contact_hold SET state = 'cooling_off', confirmed_at = ?, confirmed_by = ?, applies_at = ? WHERE id = ?",
                                at, answer.audit.actor, applies, id)
                event.detail += ": held change \(id) on ballot \(ballot.id) confirmed, made from \(applies)"
                try AuditRows.insert(event, sql)
                return .coolingOff
            }
            try sql.execute("UPDATE contact_hold SET state = 'refused', confirmed_by = ?, settled_at = ? WHERE id = ?", answer.audit.actor, at, id)
            event.detail += ": held change \(id) on ballot \(ballot.id) refused"
            try AuditRows.insert(event, sql)
            try AlertRows.raise(AlertDraft(kind: .changeDisputed, accountID: try row.optionalInteger(5).map { AccountID($0) },
                                           actor: try row.text(4),
                                           detail: "a contact change to a voter on ballot \(ballot.id)'s frozen electorate was refused (held change \(id))"),
                                at: at, dedupeWithin: nil, sql)
            return .refused
        }
    }

    @_spi(Gate) public func releaseHeldChanges(at instant: Timestamp, notices: NoticeMaker) async throws -> (applied: Int, lapsed: Int) {
        try await engine.releaseHeldChanges(at: instant, notices: notices, areas: areaCache)
    }
}

extension LedgerEngine {
    func releaseHeldChanges(at instant: Timestamp, notices: NoticeMaker, areas: AreaCache) async throws -> (applied: Int, lapsed: Int) {
        try await write(areas: areas) { ledger in try HeldChangeRelease(ledger: ledger, at: instant, notices: notices).run() }
    }
}

/// Held changes as rows, with the voter's reference in place of the person.
enum HeldChangeRows {
    static func held(_ sql: any SQLSession, where condition: String, _ arguments: any SQLBindable...) throws -> [HeldContactChange] {
        try sql.rows("""
            SELECT h.id, h.ballot_id, v.reference, h.edits, h.requested_at, h.requested_by, h.state, h.confirmed_at, h.applies_at
            FROM contact_hold h JOIN ballot_voter v ON v.ballot_id = h.ballot_id AND v.person_id = h.person_id
            WHERE \(condition) ORDER BY h.id
            """, arguments.map(\.sqlValue)).map { row in
            let edits = try JSONDecoder().decode([ContactEdit].self, from: Data(try row.text(3).utf8))
            return HeldContactChange(
                id: try row.integer(0), ballotID: BallotID(try row.integer(1)), reference: try row.text(2),
                kinds: Array(Set(edits.map(\.kind))).sorted { $0.rawValue < $1.rawValue }, requestedAt: try row.timestamp(4),
                requestedBy: try row.text(5), state: HeldContactChange.State(rawValue: try row.text(6)) ?? .refused,
                confirmedAt: try row.optionalTimestamp(7), appliesAt: try row.optionalTimestamp(8))
        }
    }
}
