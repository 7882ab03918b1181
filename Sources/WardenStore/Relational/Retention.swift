public import WardenCore

/// The retention schedule's queries, in identifiers and counts, and the purge of access
/// records (sessions, sign-in failures, read charges), which name no one's data.
extension RelationalStore {
    public func retentionCandidates(_ schedule: RetentionSchedule, asOf instant: Timestamp) async throws -> RetentionCandidates {
        try await engine.read { sql in
            var found = RetentionCandidates()
            let offCutoff = instant.adding(days: -schedule.offRegisterDays)
            let off = try sql.rows("""
                SELECT e.person_id FROM elector e JOIN register_import ri ON ri.id = e.ended_by_import_id
                WHERE e.current = 0
                  AND NOT EXISTS (SELECT 1 FROM elector c WHERE c.person_id = e.person_id AND c.current = 1)
                  AND NOT EXISTS (SELECT 1 FROM member m WHERE m.person_id = e.person_id)
                GROUP BY e.person_id HAVING MAX(ri.imported_at) < ?
                """, offCutoff).map { try $0.integer(0) }
            let leftBefore = instant.date.adding(months: -12 * schedule.formerMembersYears).description
            let former = try sql.rows("""
                SELECT m.person_id, EXISTS (SELECT 1 FROM elector c WHERE c.person_id = m.person_id AND c.current = 1)
                FROM member m
                WHERE m.status IN ('resigned', 'lapsed', 'expelled') AND COALESCE(m.status_since, SUBSTR(m.updated_at, 1, 10)) < ?
                """, leftBefore).map { (try $0.integer(0), try $0.bool(1)) }
            let candidates = Set(off).union(former.map(\.0))
            let staff = try Self.heldForGrants(among: candidates, at: instant, sql)
            let cases = try Self.heldForCases(among: candidates, sql)
            func sort(_ ids: [Int64], into category: RetentionCategory) -> [PersonID] {
                var kept: [PersonID] = []
                for id in ids.sorted() {
                    let person = PersonID(rawValue: id)
                    if staff.contains(id) { found.heldForGrants[category, default: []].append(person) }
                    else if cases.contains(id) { found.heldForCases[category, default: []].append(person) }
                    else { kept.append(person) }
                }
                return kept
            }
            found.offRegister = sort(off, into: .offRegister)
            found.formerMembers = sort(former.filter { !$0.1 }.map(\.0), into: .formerMembers)
            found.formerMembersOnRegister = sort(former.filter(\.1).map(\.0), into: .formerMembers)
            let canvass = try sql.row("""
                SELECT COUNT(*), COUNT(DISTINCT c.person_id) FROM canvass_contact c JOIN campaign k ON k.id = c.campaign_id WHERE k.ends_on < ?
                """, instant.date.adding(months: -12 * schedule.canvassAnswersYears).description)
            found.canvassContacts = Int(try canvass?.integer(0) ?? 0)
            found.canvassPeople = Int(try canvass?.integer(1) ?? 0)
            let cutoff = instant.adding(days: -schedule.sessionDays)
            for (table, condition) in AccessRecords.expired {
                found.accessRecords[table] = try sql.count("SELECT COUNT(*) FROM \(table) WHERE \(condition)", cutoff)
            }
            return found
        }
    }

    public func purgeAccessRecords(before cutoff: Timestamp, audit: AuditEvent) async throws -> [String: Int] {
        try await engine.write { sql in
            var removed: [String: Int] = [:]
            for (table, condition) in AccessRecords.expired {
                removed[table] = try sql.execute("DELETE FROM \(table) WHERE \(condition)", cutoff)
            }
            var event = audit
            event.detail += ": " + removed.sorted { $0.key < $1.key }.map { "\($1) \($0)" }.joined(separator: ", ")
            try AuditRows.insert(event, sql)
            return removed
        }
    }

    /// Candidates whose accounts hold staff grants in force: erasure would refuse them.
    private static func heldForGrants(among people: Set<Int64>, at instant: Timestamp, _ sql: any SQLSession) throws -> Set<Int64> {
        guard !people.isEmpty else { return [] }
        return Set(try sql.rows("""
            SELECT DISTINCT a.person_id FROM account a JOIN access_grant g ON g.account_id = a.id
            WHERE a.person_id IS NOT NULL AND g.role <> 'member' AND g.revoked_at IS NULL AND g.expires_at > ?
            """, instant).map { try $0.integer(0) }).intersection(people)
    }

    /// Candidates named in a subject access case still open: their answer must still be given.
    private static func heldForCases(among people: Set<Int64>, _ sql: any SQLSession) throws -> Set<Int64> {
        guard !people.isEmpty else { return [] }
        return Set(try sql.rows("""
            SELECT DISTINCT s.person_id FROM sar_subject s JOIN sar_case c ON c.id = s.case_id WHERE c.state <> 'closed'
            """).map { try $0.integer(0) }).intersection(people)
    }
}

/// The records of access that retention clears by age, each with the condition that says a
/// row is older than the cutoff (the one argument).
enum AccessRecords {
    static let expired: [(table: String, condition: String)] = [
        ("session", "COALESCE(ended_at, expires_at) < ?"),
        ("sign_in_failure", "at < ?"),
        ("read_charge", "at < ?"),
        ("list_charge", "at < ?"),
        ("budget_raise", "until < ?"),
    ]
}
