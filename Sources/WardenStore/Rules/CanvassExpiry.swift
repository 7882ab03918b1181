import WardenCore

extension LedgerEngine {
    /// Deletes up to `limit` doorstep results of campaigns that ended before `endedBefore`, in
    /// one write: each person's record gets a version without them, and `audit` names the
    /// people and binds the versions. Returns how many results went, of how many people.
    func expireCanvassContacts(campaignsEndedBefore endedBefore: CalendarDate, limit: Int, author: VersionAuthor, audit: AuditEvent,
                               areas: AreaCache) async throws -> (contacts: Int, people: Int) {
        try await write(areas: areas) { ledger in
            let rows = try ledger.sql.rows("""
                SELECT c.id, c.person_id FROM canvass_contact c JOIN campaign k ON k.id = c.campaign_id
                WHERE k.ends_on < ? ORDER BY c.id LIMIT ?
                """, endedBefore.description, limit).map { (try $0.integer(0), try $0.integer(1)) }
            guard !rows.isEmpty else { return (0, 0) }
            let people = Set(rows.map(\.1))
            try ledger.sql.execute("DELETE FROM canvass_contact WHERE id IN (\(rows.map { String($0.0) }.joined(separator: ",")))", [])
            try ledger.touch(people)
            var event = audit
            event.versions = try Versioning.record(author, in: ledger)
            event.people = people.sorted().map(PersonID.init(rawValue:))
            event.detail += ": \(rows.count) doorstep results of \(people.count) people, campaigns ended before \(endedBefore)"
            try AuditRows.insert(event, ledger.sql)
            return (rows.count, people.count)
        }
    }
}
