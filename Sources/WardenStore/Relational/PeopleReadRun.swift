import WardenCore

/// Finding the people of a read; charging, recording and watching are the rules'
/// (``ReadCharge``) over the engine's ``ReadLedger``.
enum PeopleReadRun {
    /// Finds the people and applies the decision; nothing leaves until the write has
    /// committed the audit entry.
    static func find(_ read: PeopleRead, areas: AreaCache, _ sql: any SQLSession) throws -> ReadCharge.Found {
        let all = try areas.areas(sql)
        let found: [PersonRecord]
        switch read.target {
        case .search(let query, let scope):
            found = try PersonRows.search(query, scope: scope, areas: all, sql)
        case .listing(let query, let scope):
            let (page, total) = try PersonRows.listing(query, scope: scope, areas: all, sql)
            var result = ReadCharge.Found(page, read: read)
            result.total = total
            return result
        case .person(let id):
            guard let record = try PersonRows.person(id, areas: all, contacts: true, sql) else { return .nobody }
            found = [record]
        case .selection(let selection, let scope):
            found = try PersonRows.selected(selection, scope: scope, areas: all, sql)
        case .walkList(let id, let stop):
            guard let list = try WalkListRows.walkList(id, sql) else { return .nobody }
            var result = ReadCharge.Found(try PersonRows.onWalkList(id, stop: stop, areas: all, sql), read: read)
            result.walkList = (list, try WalkListRows.positions(id, sql))
            return result
        }
        return ReadCharge.Found(found, read: read)
    }
}
