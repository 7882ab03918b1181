public import WardenCore

extension RelationalStore {
    public func openSubjectAccessCase(_ draft: SubjectAccessCase, audit: AuditEvent) async throws -> SubjectAccessCase {
        try await engine.write { sql in
            var opened = draft
            opened.id = SubjectAccessCaseID(try sql.insert("""
                INSERT INTO sar_case (requester, channel, received_on, due_on, opened_by, opened_at, state, revision)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0) RETURNING id
                """, draft.requester, draft.channel.rawValue, draft.receivedOn.description, draft.dueOn.description,
                draft.openedBy, draft.openedAt, draft.state.rawValue))
            var event = audit
            event.detail = "subject access case \(opened.id): opened"
            try AuditRows.insert(event, sql)
            return opened
        }
    }

    public func subjectAccessCase(_ id: SubjectAccessCaseID) async throws -> SubjectAccessCase? {
        try await engine.read { sql in
            try SubjectAccessRows.cases(sql, where: "id = ?", id.rawValue).first
        }
    }

    public func subjectAccessCases(all: Bool, limit: Int) async throws -> [SubjectAccessCase] {
        try await engine.read { sql in
            try SubjectAccessRows.cases(sql, where: all ? "TRUE" : SubjectAccessRows.owed, order: all ? "id DESC" : "due_on, id", limit: limit)
        }
    }

    public func subjectAccessCases(owedBy date: CalendarDate) async throws -> [SubjectAccessCase] {
        try await engine.read { sql in
            try SubjectAccessRows.cases(sql, where: "\(SubjectAccessRows.owed) AND due_on <= ?", date.description)
        }
    }

    public func moveSubjectAccessCase(_ moved: SubjectAccessCase, from: SubjectAccessCase, audit: AuditEvent) async throws -> Bool {
        try await engine.write { sql in
            let changed = try sql.execute("""
                UPDATE sar_case SET state = ?, due_on = ?, identity_method = ?, identity_checked_by = ?, identity_checked_at = ?,
                    extension_months = ?, extension_reason = ?, extension_told_on = ?, outcome = ?, refusal_ground = ?,
                    closed_at = ?, revision = revision + 1
                WHERE id = ? AND revision = ?
                """, moved.state.rawValue, moved.dueOn.description, moved.identityCheck?.method, moved.identityCheck?.by,
                moved.identityCheck?.at, moved.extended.map { Int64($0.months) }, moved.extended?.reason,
                moved.extended?.requesterToldOn.description, moved.outcome, moved.refusalGround?.rawValue, moved.closedAt,
                from.id.rawValue, from.revision)
            guard changed == 1 else { return false }
            if moved.subjects != from.subjects {
                try SubjectAccessRows.replaceSubjects(of: moved.id, with: moved.subjects, sql)
            }
            try AuditRows.insert(audit, sql)
            return true
        }
    }

    public func raiseSubjectAccessAlert(_ alert: AlertDraft, for case_: SubjectAccessCase, kind: SubjectAccessCase.DueAlert,
                                        audit: AuditEvent) async throws -> Bool {
        let column = switch kind {
        case .dueSoon: "warned_for"
        case .overdue: "overdue_alerted_for"
        }
        return try await engine.write { sql in
            let due = case_.dueOn.description
            guard try sql.execute("UPDATE sar_case SET \(column) = ? WHERE id = ? AND (\(column) IS NULL OR \(column) <> ?)",
                                  due, case_.id.rawValue, due) == 1 else { return false }
            try AuditRows.insert(audit, sql)
            try AlertRows.raise(alert, at: audit.at, dedupeWithin: nil, sql)
            return true
        }
    }
}

/// Subject access cases as rows.
enum SubjectAccessRows {
    /// The states in which an answer is still owed, as a condition.
    static let owed = "state IN (\(SubjectAccessState.allCases.filter(\.awaitsAnswer).map { "'\($0.rawValue)'" }.joined(separator: ", ")))"

    static func cases(_ sql: any SQLSession, where condition: String, order: String = "id", limit: Int? = nil,
                      _ arguments: any SQLBindable...) throws -> [SubjectAccessCase] {
        let rows = try sql.rows("""
            SELECT id, requester, channel, received_on, opened_by, opened_at, state, identity_method, identity_checked_by,
                   identity_checked_at, extension_months, extension_reason, extension_told_on, outcome, refusal_ground,
                   closed_at, warned_for, overdue_alerted_for, revision
            FROM sar_case WHERE \(condition) ORDER BY \(order)\(limit.map { " LIMIT \($0)" } ?? "")
            """, arguments.map(\.sqlValue))
        var cases = try rows.map(caseFrom(_:))
        guard !cases.isEmpty else { return [] }
        var subjects: [Int64: [PersonID]] = [:]
        let ids = cases.map { String($0.id.rawValue) }.joined(separator: ",")
        for row in try sql.rows("SELECT case_id, person_id FROM sar_subject WHERE case_id IN (\(ids)) ORDER BY person_id", []) {
            subjects[try row.integer(0), default: []].append(PersonID(try row.integer(1)))
        }
        for index in cases.indices { cases[index].subjects = subjects[cases[index].id.rawValue] ?? [] }
        return cases
    }

    static func caseFrom(_ row: SQLRow) throws -> SubjectAccessCase {
        func date(_ column: Int) throws -> CalendarDate? { try row.optionalText(column).flatMap(CalendarDate.init(parsing:)) }
        guard let channel = SubjectAccessChannel(rawValue: try row.text(2)), let received = try date(3),
              let state = SubjectAccessState(rawValue: try row.text(6))
        else { throw StoreError.invalid("subject access case \(try row.integer(0)): an unreadable row") }
        var identity: SubjectAccessCase.IdentityCheck?
        if let method = try row.optionalText(7), let by = try row.optionalText(8), let at = try row.optionalTimestamp(9) {
            identity = .init(method: method, by: by, at: at)
        }
        var extended: SubjectAccessExtension?
        if let months = try row.optionalInteger(10), let reason = try row.optionalText(11), let told = try date(12) {
            extended = .init(months: Int(months), reason: reason, requesterToldOn: told)
        }
        return SubjectAccessCase(
            id: SubjectAccessCaseID(try row.integer(0)), requester: try row.text(1), channel: channel, receivedOn: received,
            openedBy: try row.text(4), openedAt: try row.timestamp(5), state: state, identityCheck: identity, extended: extended,
            outcome: try row.optionalText(13), refusalGround: try row.optionalText(14).flatMap(RefusalGround.init(rawValue:)),
            closedAt: try row.optionalTimestamp(15), warnedFor: try date(16), overdueAlertedFor: try date(17),
            revision: try row.integer(18))
    }

    /// The case's subjects become `people`, each of whom must be a person record.
    static func replaceSubjects(of id: SubjectAccessCaseID, with people: [PersonID], _ sql: any SQLSession) throws {
        if !people.isEmpty {
            let list = people.map { String($0.rawValue) }.joined(separator: ",")
            let known = Set(try sql.rows("SELECT id FROM person WHERE id IN (\(list))", []).map { try $0.integer(0) })
            if let missing = people.first(where: { !known.contains($0.rawValue) }) {
                throw WardenError.notFound("no person record \(missing)")
            }
        }
        _ = try sql.execute("DELETE FROM sar_subject WHERE case_id = ?", id.rawValue)
        for person in people {
            _ = try sql.execute("INSERT INTO sar_subject (case_id, person_id) VALUES (?, ?)", id.rawValue, person.rawValue)
        }
    }
}
