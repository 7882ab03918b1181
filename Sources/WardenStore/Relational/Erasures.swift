public import WardenCore

/// Erasure rows as both engines store them.
enum ErasureRows {
    static let columns = "id, kind, reason, suppress, requested_by, requested_at, state, decided_by, decided_at, refusal, versions_redacted"

    /// Erasures matching `condition`, each with its people.
    static func erasures(_ sql: any SQLSession, where condition: String, order: String = "id", limit: Int? = nil,
                         _ arguments: any SQLBindable...) throws -> [Erasure] {
        let rows = try sql.rows("SELECT \(columns) FROM erasure WHERE \(condition) ORDER BY \(order)" + (limit.map { " LIMIT \($0)" } ?? ""),
                                arguments.map(\.sqlValue))
        var erasures = try rows.map { row in
            Erasure(id: ErasureID(try row.integer(0)), kind: ErasureKind(rawValue: try row.text(1)) ?? .request, reason: try row.text(2),
                    suppress: try row.bool(3), people: [], requestedBy: try row.text(4), requestedAt: try row.timestamp(5),
                    state: ErasureState(rawValue: try row.text(6)) ?? .refused, decidedBy: try row.optionalText(7),
                    decidedAt: try row.optionalText(8).flatMap(Timestamp.init(iso8601:)), refusal: try row.optionalText(9),
                    versionsRedacted: Int(try row.integer(10)))
        }
        guard !erasures.isEmpty else { return [] }
        let ids = erasures.map { String($0.id.rawValue) }.joined(separator: ",")
        var people: [Int64: [PersonID]] = [:]
        for row in try sql.rows("SELECT erasure_id, person_id FROM erasure_person WHERE erasure_id IN (\(ids)) ORDER BY erasure_id, person_id", []) {
            people[try row.integer(0), default: []].append(PersonID(rawValue: try row.integer(1)))
        }
        for index in erasures.indices { erasures[index].people = people[erasures[index].id.rawValue] ?? [] }
        return erasures
    }

    /// The erasure already carried out on `person`, if any.
    static func tombstone(of person: Int64, _ sql: any SQLSession) throws -> ErasureID? {
        try sql.row("""
            SELECT e.id FROM erasure_person ep JOIN erasure e ON e.id = ep.erasure_id WHERE ep.person_id = ? AND e.state = 'done'
            """, person).map { ErasureID(try $0.integer(0)) }
    }

    /// People with versions but no record who were not erased: deleted outside Warden.
    static let versionedWithoutRecord = """
        SELECT DISTINCT v.person_id FROM person_version v
        WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id = v.person_id)
          AND NOT EXISTS (SELECT 1 FROM erasure_person ep JOIN erasure e ON e.id = ep.erasure_id
                          WHERE ep.person_id = v.person_id AND e.state = 'done')
        """

    /// Each erasure carried out, with its people and emptied versions counted.
    static let tallies = """
        SELECT e.id, (SELECT COUNT(*) FROM erasure_person ep WHERE ep.erasure_id = e.id),
               (SELECT COUNT(*) FROM person_version v WHERE v.erasure_id = e.id)
        FROM erasure e WHERE e.state = 'done' ORDER BY e.id
        """

    /// Redacted versions whose erasure did not erase their person: a redaction made outside
    /// Warden to pass off a change as an erasure.
    static let redactedWithoutTombstone = """
        SELECT v.id, v.person_id, v.erasure_id FROM person_version v
        WHERE v.erasure_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM erasure_person ep JOIN erasure e ON e.id = ep.erasure_id
                          WHERE ep.person_id = v.person_id AND ep.erasure_id = v.erasure_id AND e.state = 'done')
        ORDER BY v.id
        """
}

extension RelationalStore {
    public func requestErasure(_ draft: Erasure, audit: AuditEvent) async throws -> Erasure {
        try await engine.write { sql in
            guard let person = draft.people.first, draft.people.count == 1 else {
                throw StoreError.invalid("an erasure request names one person")
            }
            if let done = try ErasureRows.tombstone(of: person.rawValue, sql) {
                throw StoreError.conflict("person \(person): already erased (erasure \(done))")
            }
            guard try sql.row("SELECT 1 FROM person WHERE id = ?", person.rawValue) != nil else {
                throw StoreError.notFound("person \(person): no such person")
            }
            if let waiting = try sql.row("""
                SELECT e.id FROM erasure_person ep JOIN erasure e ON e.id = ep.erasure_id
                WHERE ep.person_id = ? AND e.state = 'awaiting_approval'
                """, person.rawValue)?.integer(0) {
                throw StoreError.conflict("person \(person): erasure \(waiting) is already waiting for approval")
            }
            var requested = draft
            requested.id = try ErasureExecution.insert(draft, sql)
            var event = audit
            event.detail = "erasure \(requested.id): requested, \(draft.suppress ? "not to be contacted again" : "no suppression")"
            try AuditRows.insert(event, sql)
            return requested
        }
    }

    public func erasure(_ id: ErasureID) async throws -> Erasure? {
        try await engine.read { sql in try ErasureRows.erasures(sql, where: "id = ?", id.rawValue).first }
    }

    public func erasures(limit: Int) async throws -> [Erasure] {
        try await engine.read { sql in
            try ErasureRows.erasures(sql, where: "TRUE", order: "CASE WHEN state = 'awaiting_approval' THEN 0 ELSE 1 END, id DESC", limit: limit)
        }
    }

    public func refuseErasure(_ id: ErasureID, by: String, at: Timestamp, refusal: String, audit: AuditEvent) async throws {
        try await engine.write { sql in
            guard try sql.execute("""
                UPDATE erasure SET state = 'refused', decided_by = ?, decided_at = ?, refusal = ? WHERE id = ? AND state = 'awaiting_approval'
                """, by, at, refusal, id.rawValue) == 1 else {
                throw StoreError.conflict("erasure \(id) is not waiting for approval")
            }
            try AuditRows.insert(audit, sql)
        }
    }

    public func doneErasures() async throws -> [Erasure] {
        try await engine.read { sql in try ErasureRows.erasures(sql, where: "state = 'done'") }
    }

    public func scrubFreedSpace() async throws -> String? {
        try await engine.scrubFreedSpace()
    }

    public func isSuppressed(_ hashes: [[UInt8]]) async throws -> Bool {
        try await engine.read { sql in try ErasureExecution.isSuppressed(hashes, sql) }
    }

    @_spi(Gate) public func erase(_ erasure: Erasure, decidedBy: String, at instant: Timestamp, missing: MissingPeople,
                                  keepingRegister: Set<PersonID>, identifierHash: @escaping @Sendable (String) -> [UInt8],
                                  audit: AuditEvent, standing: AccessStanding?) async throws -> ErasureOutcome {
        try await engine.erase(erasure, decidedBy: decidedBy, at: instant, missing: missing, keepingRegister: keepingRegister,
                               identifierHash: identifierHash, audit: audit, standing: standing, areas: areaCache)
    }

    @_spi(Gate) public func expireCanvassContacts(campaignsEndedBefore endedBefore: CalendarDate, limit: Int, author: VersionAuthor,
                                                  audit: AuditEvent) async throws -> (contacts: Int, people: Int) {
        try await engine.expireCanvassContacts(campaignsEndedBefore: endedBefore, limit: limit, author: author, audit: audit, areas: areaCache)
    }
}
