import Foundation
public import WardenCore

/// Payments and the dues rules over whichever engine (``PaymentImport``, ``DuesSweep``).
extension RelationalStore {
    @_spi(Gate) public func importPayments(_ request: PaymentImportRequest) async throws -> ImportReport {
        try await engine.importPayments(request, areas: areaCache)
    }

    @_spi(Gate) public func applyDuesRules(
        today: CalendarDate, author: VersionAuthor, audit: AuditEvent, moveAudit: AuditEvent, standing: AccessStanding?
    ) async throws -> [String: Int] {
        try await engine.applyDuesRules(today: today, author: author, audit: audit, moveAudit: moveAudit, standing: standing, areas: areaCache)
    }

    @_spi(Gate) public func duesRules() async throws -> DuesRules {
        try await engine.read { sql in try DuesSettings.rules(sql) }
    }

    @_spi(Gate) public func setDuesRules(_ rules: DuesRules, audit: AuditEvent, standing: AccessStanding?) async throws {
        try await engine.setDuesRules(rules, audit: audit, standing: standing, areas: areaCache)
    }
}

extension LedgerEngine {
    func importPayments(_ request: PaymentImportRequest, areas: AreaCache) async throws -> ImportReport {
        do {
            return try await write(areas: areas) { ledger in try PaymentImport(ledger: ledger, request: request).run() }
        } catch let unwritten as UnwrittenImport {
            return unwritten.report
        }
    }

    func applyDuesRules(
        today: CalendarDate, author: VersionAuthor, audit: AuditEvent, moveAudit: AuditEvent, standing: AccessStanding?, areas: AreaCache
    ) async throws -> [String: Int] {
        try await write(areas: areas) { ledger in
            try ledger.checkStanding(standing)
            let moves = try DuesSweep(ledger: ledger, today: today, author: author, audit: moveAudit).run()
            var event = audit
            event.detail += ": \(moves.values.reduce(0, +)) members moved"
            try ledger.append(event)
            return moves
        }
    }

    func setDuesRules(_ rules: DuesRules, audit: AuditEvent, standing: AccessStanding?, areas: AreaCache) async throws {
        let text = String(decoding: try JSONEncoder().encode(rules), as: UTF8.self)
        try await write(areas: areas) { ledger in
            try ledger.checkStanding(standing)
            try ledger.sql.execute("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                   DuesSettings.key, text)
            try ledger.append(audit)
        }
    }
}

/// The party's ``DuesRules``, kept as JSON in one `setting`.
enum DuesSettings {
    static let key = "dues_rules"

    static func rules(_ sql: any SQLSession) throws -> DuesRules {
        guard let text = try sql.row("SELECT value FROM setting WHERE key = ?", key)?.text(0),
              let rules = try? JSONDecoder().decode(DuesRules.self, from: Data(text.utf8))
        else { return .standard }
        return rules
    }
}
