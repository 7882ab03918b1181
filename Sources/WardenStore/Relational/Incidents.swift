import Foundation
public import WardenCore

/// Incident rows: the scope, the report's phases and the notice as JSON beside the times.
enum IncidentRows {
    static let columns = "id, title, aware_at, opened_by, opened_at, scope, phases, notice"

    static func incidents(_ sql: any SQLSession, where condition: String, order: String = "id DESC", limit: Int? = nil,
                          _ arguments: any SQLBindable...) throws -> [Incident] {
        let decoder = JSONDecoder()
        return try sql.rows("SELECT \(columns) FROM incident WHERE \(condition) ORDER BY \(order)" + (limit.map { " LIMIT \($0)" } ?? ""),
                            arguments.map(\.sqlValue)).map { row in
            Incident(id: IncidentID(try row.integer(0)), title: try row.text(1), awareAt: try row.timestamp(2), openedBy: try row.text(3),
                     openedAt: try row.timestamp(4), scope: try decoder.decode(IncidentScope.self, from: Data(try row.text(5).utf8)),
                     phases: try decoder.decode([Incident.ReportPhase].self, from: Data(try row.text(6).utf8)),
                     notice: try row.optionalText(7).map { try decoder.decode(Incident.Notice.self, from: Data($0.utf8)) })
        }
    }
}

extension RelationalStore {
    public func openIncident(_ draft: Incident, audit: AuditEvent) async throws -> Incident {
        try await engine.write { sql in
            var opened = draft
            opened.id = IncidentID(try sql.insert("""
                INSERT INTO incident (title, aware_at, opened_by, opened_at, scope, phases) VALUES (?, ?, ?, ?, ?, ?) RETURNING id
                """, draft.title, draft.awareAt, draft.openedBy, draft.openedAt, try StoredJSON.text(draft.scope), try StoredJSON.text(draft.phases)))
            var event = audit
            event.detail = "incident \(opened.id): opened"
            try AuditRows.insert(event, sql)
            return opened
        }
    }

    public func incident(_ id: IncidentID) async throws -> Incident? {
        try await engine.read { sql in try IncidentRows.incidents(sql, where: "id = ?", id.rawValue).first }
    }

    public func incidents(limit: Int) async throws -> [Incident] {
        try await engine.read { sql in try IncidentRows.incidents(sql, where: "TRUE", limit: limit) }
    }

    public func updateIncident(_ updated: Incident, audit: AuditEvent) async throws {
        try await engine.write { sql in
            guard try sql.execute("UPDATE incident SET phases = ?, notice = ? WHERE id = ?", try StoredJSON.text(updated.phases),
                                  try updated.notice.map(StoredJSON.text), updated.id.rawValue) == 1 else {
                throw StoreError.notFound("no incident \(updated.id)")
            }
            try AuditRows.insert(audit, sql)
        }
    }

    @_spi(Gate) public func queueBreachNotices(to people: [PersonID], subject: String, body: String, audit: AuditEvent) async throws
        -> (emailed: Int, toPost: Int) {
        try await engine.write { sql in
            var emailed = 0
            var reached = Set<Int64>()
            let ids = people.map(\.rawValue)
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = ids[start..<min(start + 500, ids.count)].map(String.init).joined(separator: ",")
                for row in try sql.rows("SELECT person_id, value FROM contact_point WHERE kind = 'email' AND person_id IN (\(chunk)) ORDER BY id", []) {
                    try AlertRows(sql: sql).queueMail(to: try row.text(1), subject: subject, body: body, at: audit.at)
                    reached.insert(try row.integer(0))
                    emailed += 1
                }
            }
            var event = audit
            event.people = people
            event.detail += ": \(emailed) emails queued, \(people.count - reached.count) people to write to by post"
            try AuditRows.insert(event, sql)
            return (emailed, people.count - reached.count)
        }
    }
}
