import Foundation
public import WardenCore

/// Export rows: the request as JSON beside the columns it is found by.
enum ExportRows {
    static func requests(_ sql: any SQLSession, where condition: String, order: String = "id DESC", limit: Int? = nil,
                         _ arguments: any SQLBindable...) throws -> [ExportRequest] {
        let decoder = JSONDecoder()
        return try sql.rows("SELECT body FROM export_request WHERE \(condition) ORDER BY \(order)" + (limit.map { " LIMIT \($0)" } ?? ""),
                            arguments.map(\.sqlValue)).map { try decoder.decode(ExportRequest.self, from: Data(try $0.text(0).utf8)) }
    }

    /// Rows a multi-row insert takes at once: well under both engines' limits on arguments.
    static let batch = 500
}

extension RelationalStore {
    public func createExport(_ draft: ExportRequest, audit: AuditEvent) async throws -> ExportRequest {
        try await engine.write { sql in
            var created = draft
            created.id = ExportID(try sql.insert("INSERT INTO export_request (state, body) VALUES (?, ?) RETURNING id",
                                                 draft.state.rawValue, try StoredJSON.text(draft)))
            try sql.execute("UPDATE export_request SET body = ? WHERE id = ?", try StoredJSON.text(created), created.id.rawValue)
            var event = audit
            event.detail = "export \(created.id): " + audit.detail
            try AuditRows.insert(event, sql)
            return created
        }
    }

    public func export(_ id: ExportID) async throws -> ExportRequest? {
        try await engine.read { sql in try ExportRows.requests(sql, where: "id = ?", id.rawValue).first }
    }

    public func exports(limit: Int) async throws -> [ExportRequest] {
        try await engine.read { sql in try ExportRows.requests(sql, where: "TRUE", limit: limit) }
    }

    public func exportsHoldingFiles() async throws -> [ExportRequest] {
        try await engine.read { sql in try ExportRows.requests(sql, where: "file IS NOT NULL", order: "id") }
    }

    public func moveExport(_ updated: ExportRequest, from: ExportRequest.State, audit: AuditEvent, made: MadeExport?, dropFile: Bool) async throws -> Bool {
        try await engine.write { sql in
            guard try sql.execute("UPDATE export_request SET state = ?, body = ? WHERE id = ? AND state = ?", updated.state.rawValue,
                                  try StoredJSON.text(updated), updated.id.rawValue, from.rawValue) == 1 else { return false }
            if dropFile { try sql.execute("UPDATE export_request SET file = NULL WHERE id = ?", updated.id.rawValue) }
            if let made {
                if let file = made.file { try sql.execute("UPDATE export_request SET file = ? WHERE id = ?", file, updated.id.rawValue) }
                if let hash = made.linkHash { try sql.execute("UPDATE export_request SET link_hash = ? WHERE id = ?", hash, updated.id.rawValue) }
                for start in stride(from: 0, to: made.marks.count, by: ExportRows.batch) {
                    let chunk = made.marks[start..<min(start + ExportRows.batch, made.marks.count)]
                    try sql.execute("INSERT INTO export_mark (token, export_id, row_number) VALUES "
                                    + Array(repeating: "(?, ?, ?)", count: chunk.count).joined(separator: ", "),
                                    chunk.flatMap { [SQLValue.integer($0.token), .integer(updated.id.rawValue), .integer(Int64($0.row))] })
                }
                for key in made.decoyKeys {
                    try sql.execute("INSERT INTO export_decoy (value, export_id) VALUES (?, ?)", key, updated.id.rawValue)
                }
                if let mail = made.mail { try AlertRows(sql: sql).queueMail(to: mail.recipient, subject: mail.subject, body: mail.body, at: audit.at) }
            }
            try AuditRows.insert(audit, sql)
            return true
        }
    }

    public func peopleCharged(to account: AccountID, before instant: Timestamp) async throws -> Int {
        try await allowancesUsed(by: account, before: instant).read
    }

    public func exportFile(_ id: ExportID) async throws -> [UInt8]? {
        try await engine.read { sql in try sql.row("SELECT file FROM export_request WHERE id = ?", id.rawValue)?.optionalBlob(0) }
    }

    public func exportByLink(hash: [UInt8]) async throws -> ExportRequest? {
        try await engine.read { sql in try ExportRows.requests(sql, where: "link_hash = ?", hash).first }
    }

    public func decoyKeys() async throws -> Set<String> {
        try await engine.read { sql in Set(try sql.rows("SELECT value FROM export_decoy", []).map { try $0.text(0) }) }
    }

    public func decoyExports(keys: Set<String>) async throws -> [String: ExportID] {
        try await engine.read { sql in
            var found: [String: ExportID] = [:]
            let all = Array(keys)
            for start in stride(from: 0, to: all.count, by: ExportRows.batch) {
                let chunk = Array(all[start..<min(start + ExportRows.batch, all.count)])
                for row in try sql.rows("SELECT value, export_id FROM export_decoy WHERE value IN (" + Array(repeating: "?", count: chunk.count).joined(separator: ", ") + ")",
                                        chunk.map { SQLValue.text($0) }) {
                    found[try row.text(0)] = ExportID(try row.integer(1))
                }
            }
            return found
        }
    }

    public func exportHits(tokens: Set<Int64>) async throws -> [Int64: [ExportTrace.Hit]] {
        try await engine.read { sql in
            var hits: [Int64: [ExportTrace.Hit]] = [:]
            let all = Array(tokens)
            for start in stride(from: 0, to: all.count, by: ExportRows.batch) {
                let chunk = Array(all[start..<min(start + ExportRows.batch, all.count)])
                for row in try sql.rows("SELECT token, export_id, row_number FROM export_mark WHERE token IN (" + Array(repeating: "?", count: chunk.count).joined(separator: ", ") + ")",
                                        chunk.map { SQLValue.integer($0) }) {
                    hits[try row.integer(0), default: []].append(ExportTrace.Hit(export: ExportID(try row.integer(1)), row: Int(try row.integer(2))))
                }
            }
            return hits
        }
    }

    @_spi(Gate) public func countSelection(_ selection: ExportSelection, scope: PeopleScope) async throws -> Int {
        let cache = areaCache
        return try await engine.read { sql in try PersonRows.count(selection, scope: scope, areas: try cache.areas(sql), sql) }
    }
}
