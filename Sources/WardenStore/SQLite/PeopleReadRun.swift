import Foundation
import GRDB
import WardenCore

/// Finding the people of a read on SQLite; charging, recording and watching are the
/// engine-neutral rules' (``ReadCharge``) over this engine's ``ReadLedger``.
enum PeopleReadRun {
    /// Finds the people and applies the decision; nothing leaves until the write has
    /// committed the audit entry.
    static func find(_ read: PeopleRead, areas: AreaCache, db: Database) throws -> ReadCharge.Found {
        let all = try areas.areas(SQLiteSession(db: db))
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
            guard let list = try WalkListRows.walkList(id, SQLiteSession(db: db)) else { return .nobody }
            var result = ReadCharge.Found(try SQLiteStore.walkListPeople(id, stop: stop, areas: all, db: db), read: read)
            result.walkList = (list, try WalkListRows.positions(id, SQLiteSession(db: db)))
            return result
        }
        return ReadCharge.Found(found, read: read)
    }
}
