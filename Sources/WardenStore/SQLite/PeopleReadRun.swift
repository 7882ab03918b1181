import Foundation
import GRDB
import WardenCore

/// One read of people on SQLite: find in a read transaction (concurrently with other
/// requests), then charge, record and watch in the group-committed write transaction by the
/// engine-neutral rules (``ReadCharge``) over this engine's ``ReadLedger``.
enum PeopleReadRun {
    /// Finds the people and applies the decision; nothing leaves until the write has
    /// committed the audit entry.
    static func find(_ read: PeopleRead, areas: AreaCache, db: Database) throws -> ReadCharge.Found {
        let all = try areas.areas(db)
        let found: [PersonRecord]
        switch read.target {
        case .search(let query, let scope):
            found = try SQLiteStore.search(query, scope: scope, areas: all, db: db)
        case .person(let id):
            guard let row = try Row.fetchOne(db.cachedStatement(sql: SQLiteStore.personByID), arguments: [id.rawValue]) else {
                return .nobody
            }
            found = [try SQLiteStore.record(from: row, areas: all, contacts: true, db: db)]
        case .walkList(let id, let stop):
            guard try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM walk_list WHERE id = ?"), arguments: [id.rawValue]) != nil else {
                return .nobody
            }
            found = try SQLiteStore.walkListPeople(id, stop: stop, areas: all, db: db)
        }
        return ReadCharge.Found(found, read: read)
    }
}

/// The read ledger's primitives as SQLite statements, in the caller's write transaction.
struct SQLiteReadLedger: ReadLedger {
    let db: Database

    func peopleCharged(account: AccountID, since: Timestamp) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(DISTINCT person_id) FROM read_charge WHERE account_id = ? AND at > ?"),
                         arguments: [account.rawValue, since.description]) ?? 0
    }

    func wasCharged(account: AccountID, person: PersonID, since: Timestamp) throws -> Bool {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM read_charge WHERE account_id = ? AND person_id = ? AND at > ? LIMIT 1"),
                         arguments: [account.rawValue, person.rawValue, since.description]) != nil
    }

    func charge(account: AccountID, person: PersonID, at instant: Timestamp) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO read_charge (account_id, person_id, at) VALUES (?, ?, ?)")
            .execute(arguments: [account.rawValue, person.rawValue, instant.description])
    }

    func charges(account: AccountID, since: Timestamp, upTo limit: Int) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COUNT(*) FROM (SELECT 1 FROM read_charge WHERE account_id = ? AND at > ? LIMIT ?)
            """), arguments: [account.rawValue, since.description, limit]) ?? 0
    }

    func recentlyRead(account: AccountID, since: Timestamp, limit: Int) throws -> [PersonID] {
        try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT ap.person_id FROM audit_event ae JOIN audit_person ap ON ap.event_id = ae.id
            WHERE ae.account_id = ? AND ae.action = 'read' AND ae.outcome = 'allowed' AND ae.at > ?
            ORDER BY ae.at DESC LIMIT ?
            """), arguments: [account.rawValue, since.description, limit]).map(PersonID.init(rawValue:))
    }

    func searches(account: AccountID, since: Timestamp, upTo limit: Int) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COUNT(*) FROM (SELECT 1 FROM audit_event WHERE account_id = ? AND action = 'search' AND at > ? LIMIT ?)
            """), arguments: [account.rawValue, since.description, limit]) ?? 0
    }

    func append(_ event: AuditEvent) throws {
        try SQLiteStore.insert(event, db)
    }

    func raise(_ alert: AlertDraft, at instant: Timestamp, dedupeWithin seconds: Int64?) throws {
        try SQLiteStore.raise(alert, at: instant, dedupeWithin: seconds, db)
    }
}
