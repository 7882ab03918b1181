public import WardenCore

/// An incident's scope resolved to identifiers: the accounts, the polling districts and
/// branch areas, and each district's ward label for the per-area counts.
public struct IncidentQuery: Sendable {
    public var scope: IncidentScope
    /// The accounts of the scope's actors, with their labels (a sheet names its printer by label).
    public var accounts: [(id: AccountID, label: String)]
    /// Polling districts under the scope's areas, and every area under them (a member's branch); `nil` for no area bound.
    public var districts: Set<AreaID>?
    public var branches: Set<AreaID>?
    /// The label of each area a person can be placed in (their ward), for counting.
    public var labels: [AreaID: String]

    public init(scope: IncidentScope, accounts: [(id: AccountID, label: String)], districts: Set<AreaID>?, branches: Set<AreaID>?,
                labels: [AreaID: String]) {
        self.scope = scope
        self.accounts = accounts
        self.districts = districts
        self.branches = branches
        self.labels = labels
    }
}

extension RelationalStore {
    /// What the log, the versions and the records say an incident reached, read in one
    /// transaction that records `audit` (the DPO's question).
    @_spi(Gate) public func incidentEvidence(_ query: IncidentQuery, audit: AuditEvent) async throws -> IncidentEvidence {
        try await engine.write { sql in
            var reader = IncidentReader(sql: sql, query: query)
            let evidence = try reader.read()
            var event = audit
            event.detail += ": \(evidence.holdings?.people ?? Set(evidence.touches.map(\.person)).count) people"
            try AuditRows.insert(event, sql)
            return evidence
        }
    }
}

/// Reads one scope's evidence, through SQL both engines speak. People are filtered by
/// placement (household's district, or member's branch) when the scope names areas.
struct IncidentReader {
    let sql: any SQLSession
    let query: IncidentQuery
    private var evidence = IncidentEvidence()

    init(sql: any SQLSession, query: IncidentQuery) {
        self.sql = sql
        self.query = query
    }

    mutating func read() throws -> IncidentEvidence {
        let scope = query.scope
        if let asOf = scope.wholeDatabaseAsOf {
            evidence.holdings = try holdings(asOf: asOf)
            return evidence
        }
        if scope.concernsActions {
            try reads()
            try changes()
            try printed(sheet: nil)
        }
        if let list = scope.walkList { try onList(list) }
        if let serial = scope.sheet { try printed(sheet: serial) }
        if !scope.concernsActions && scope.walkList == nil && scope.sheet == nil { try heldInAreas() }
        let people = Array(Set(evidence.touches.map(\.person.rawValue))).sorted()
        try placeAndSeal(people)
        try readersOf(people)
        return evidence
    }

    /// `column` (a person identifier) restricted to the scope's areas, or true.
    private func inArea(_ column: String) -> String {
        guard let districts = query.districts, let branches = query.branches else { return "TRUE" }
        return """
            (\(column) IN (SELECT p.id FROM person p JOIN household h ON h.id = p.household_id WHERE h.polling_district_id IN (\(Self.list(districts))))
             OR \(column) IN (SELECT m.person_id FROM member m WHERE m.branch_area_id IN (\(Self.list(branches)))))
            """
    }

    /// The scope's accounts and window over a table's account and time columns.
    private func bounds(account: String, at: String) -> (String, [SQLValue]) {
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        if !query.accounts.isEmpty { conditions.append("\(account) IN (\(query.accounts.map { String($0.id.rawValue) }.joined(separator: ",")))") }
        if let from = query.scope.from {
            conditions.append("\(at) >= ?")
            arguments.append(from.sqlValue)
        }
        if let to = query.scope.to {
            conditions.append("\(at) <= ?")
            arguments.append(to.sqlValue)
        }
        return (conditions.isEmpty ? "TRUE" : conditions.joined(separator: " AND "), arguments)
    }

    /// Reads and searches by the accounts in scope: each person named, with the classes read.
    private mutating func reads() throws {
        let (condition, arguments) = bounds(account: "ae.account_id", at: "ae.at")
        var entries = Set<Int64>()
        for row in try sql.rows("""
            SELECT ae.id, ae.actor, ae.data_classes, ap.person_id FROM audit_event ae JOIN audit_person ap ON ap.event_id = ae.id
            WHERE ae.outcome = 'allowed' AND ae.action IN ('read', 'search') AND \(condition) AND \(inArea("ap.person_id"))
            """, arguments) {
            entries.insert(try row.integer(0))
            evidence.touches.append(.init(person: PersonID(rawValue: try row.integer(3)), exposure: .read, actor: try row.text(1),
                                          dataClasses: Set(try row.text(2).split(separator: ",").compactMap { DataClass(rawValue: String($0)) })))
        }
        evidence.records += entries.count
    }

    /// Versions made by the accounts in scope: who was changed, which fields.
    private mutating func changes() throws {
        let (condition, arguments) = bounds(account: "v.account_id", at: "v.at")
        let rows = try sql.rows("""
            SELECT v.person_id, v.actor, v.fields FROM person_version v WHERE \(condition) AND \(inArea("v.person_id"))
            """, arguments)
        for row in rows {
            let fields = try row.text(2).split(separator: ",").map(String.init)
            let classes = Set(fields.compactMap { PersonState.Key(rawValue: $0)?.dataClass })
            evidence.touches.append(.init(person: PersonID(rawValue: try row.integer(0)), exposure: .changed, actor: try row.text(1),
                                          dataClasses: classes, fields: fields))
        }
        evidence.records += rows.count
    }

    /// People on sheets printed by the scope's accounts in its window, or on one sheet.
    private mutating func printed(sheet serial: String?) throws {
        var condition: String
        var arguments: [SQLValue] = []
        if let serial {
            condition = "s.serial = ?"
            arguments = [.text(serial)]
        } else {
            condition = query.accounts.isEmpty ? "TRUE" : "s.printed_by IN (\(query.accounts.map { _ in "?" }.joined(separator: ",")))"
            arguments = query.accounts.map { .text($0.label) }
            if let from = query.scope.from { condition += " AND s.printed_at >= ?"; arguments.append(from.sqlValue) }
            if let to = query.scope.to { condition += " AND s.printed_at <= ?"; arguments.append(to.sqlValue) }
        }
        let rows = try sql.rows("""
            SELECT s.id, s.printed_by, p.id FROM walk_sheet s JOIN walk_list_household w ON w.walk_list_id = s.walk_list_id
            JOIN person p ON p.household_id = w.household_id
            WHERE \(condition) AND \(inArea("p.id"))
            """, arguments)
        for row in rows {
            evidence.touches.append(.init(person: PersonID(rawValue: try row.integer(2)), exposure: .printed, actor: try row.text(1),
                                          dataClasses: [.identity, .contact]))
        }
        evidence.records += Set(try rows.map { try $0.integer(0) }).count
    }

    /// Everyone at the doors of a walk list, as its holder had them.
    private mutating func onList(_ list: WalkListID) throws {
        let holder = try sql.row("SELECT COALESCE(a.username, 'unassigned') FROM walk_list l LEFT JOIN account a ON a.id = l.assigned_account_id WHERE l.id = ?",
                                 list.rawValue)?.text(0)
        guard let holder else { throw StoreError.notFound("no walk list \(list)") }
        for row in try sql.rows("""
            SELECT p.id FROM walk_list_household w JOIN person p ON p.household_id = w.household_id WHERE w.walk_list_id = ? AND \(inArea("p.id"))
            """, list.rawValue) {
            evidence.touches.append(.init(person: PersonID(rawValue: try row.integer(0)), exposure: .held, actor: holder, dataClasses: [.identity, .contact]))
        }
        evidence.records += 1
    }

    /// Everyone placed in the scope's areas (an area alone: what was held there).
    private mutating func heldInAreas() throws {
        for row in try sql.rows("SELECT p.id FROM person p WHERE \(inArea("p.id"))", []) {
            evidence.touches.append(.init(person: PersonID(rawValue: try row.integer(0)), exposure: .held, actor: "Warden",
                                          dataClasses: [.identity, .contact]))
        }
    }

    /// Where each person affected is placed, and who among them holds sealed answers.
    private mutating func placeAndSeal(_ people: [Int64]) throws {
        for chunk in Self.chunks(people) {
            let list = chunk.map(String.init).joined(separator: ",")
            for row in try sql.rows("""
                SELECT p.id, h.polling_district_id, m.branch_area_id FROM person p LEFT JOIN household h ON h.id = p.household_id
                LEFT JOIN member m ON m.person_id = p.id WHERE p.id IN (\(list))
                """, []) {
                let area = try row.optionalInteger(1) ?? row.optionalInteger(2)
                if let label = area.flatMap({ query.labels[AreaID(rawValue: $0)] }) {
                    evidence.placements[PersonID(rawValue: try row.integer(0))] = label
                }
            }
            for row in try sql.rows("SELECT DISTINCT person_id FROM canvass_contact WHERE sealed IS NOT NULL AND person_id IN (\(list))", []) {
                evidence.sealedHolders.insert(PersonID(rawValue: try row.integer(0)))
            }
        }
    }

    /// Every account that read any of `people` within the scope's window.
    private mutating func readersOf(_ people: [Int64]) throws {
        var window = ""
        var arguments: [SQLValue] = []
        if let from = query.scope.from { window += " AND ae.at >= ?"; arguments.append(from.sqlValue) }
        if let to = query.scope.to { window += " AND ae.at <= ?"; arguments.append(to.sqlValue) }
        var entries: [String: Set<Int64>] = [:]
        var reached: [String: Int] = [:]
        for chunk in Self.chunks(people) {
            for row in try sql.rows("""
                SELECT ae.actor, ae.id, ap.person_id FROM audit_person ap JOIN audit_event ae ON ae.id = ap.event_id
                WHERE ap.person_id IN (\(chunk.map(String.init).joined(separator: ","))) AND ae.outcome = 'allowed'
                  AND ae.action IN ('read', 'search')\(window)
                """, arguments) {
                let actor = try row.text(0)
                entries[actor, default: []].insert(try row.integer(1))
                reached[actor, default: 0] += 1
            }
        }
        for (actor, ids) in entries { evidence.readers[actor] = (ids.count, reached[actor] ?? 0) }
    }

    /// The whole database as it stood at `asOf`: people by class and area, and those erased since.
    private func holdings(asOf: Timestamp) throws -> IncidentEvidence.Holdings {
        let held = "p.created_at <= ? AND \(inArea("p.id"))"
        let people = try sql.count("SELECT COUNT(*) FROM person p WHERE \(held)", asOf)
        var byClass: [DataClass: Int] = [.identity: people]
        byClass[.contact] = try sql.count("""
            SELECT COUNT(*) FROM person p WHERE \(held) AND (p.household_id IS NOT NULL OR EXISTS (SELECT 1 FROM contact_point c WHERE c.person_id = p.id))
            """, asOf)
        byClass[.membership] = try sql.count("SELECT COUNT(*) FROM member m JOIN person p ON p.id = m.person_id WHERE \(held)", asOf)
        byClass[.financial] = try sql.count("SELECT COUNT(*) FROM member m JOIN person p ON p.id = m.person_id WHERE \(held) AND m.dues_pence IS NOT NULL", asOf)
        byClass[.specialCategory] = try sql.count("""
            SELECT COUNT(DISTINCT c.person_id) FROM canvass_contact c JOIN person p ON p.id = c.person_id WHERE \(held) AND c.sealed IS NOT NULL AND c.at <= ?
            """, asOf, asOf)
        var byArea: [String: Int] = [:]
        for row in try sql.rows("""
            SELECT h.polling_district_id, COUNT(*) FROM person p LEFT JOIN household h ON h.id = p.household_id WHERE \(held) GROUP BY h.polling_district_id
            """, asOf) {
            let label = try row.optionalInteger(0).flatMap { query.labels[AreaID(rawValue: $0)] } ?? "not placed"
            byArea[label, default: 0] += Int(try row.integer(1))
        }
        let erasedSince = query.districts == nil ? try sql.count("""
            SELECT COUNT(*) FROM erasure_person ep JOIN erasure e ON e.id = ep.erasure_id WHERE e.state = 'done' AND e.decided_at > ?
            """, asOf) : 0
        let records = people + (byClass[.membership] ?? 0) + (try sql.count("SELECT COUNT(*) FROM contact_point c JOIN person p ON p.id = c.person_id WHERE \(held)", asOf))
            + (try sql.count("SELECT COUNT(*) FROM canvass_contact c JOIN person p ON p.id = c.person_id WHERE \(held) AND c.at <= ?", asOf, asOf))
        return .init(people: people, erasedSince: erasedSince, byClass: byClass, byArea: byArea, records: records)
    }

    private static func list(_ ids: Set<AreaID>) -> String {
        ids.isEmpty ? "NULL" : ids.map { String($0.rawValue) }.sorted().joined(separator: ",")
    }

    private static func chunks(_ ids: [Int64]) -> [[Int64]] {
        stride(from: 0, to: ids.count, by: 500).map { Array(ids[$0..<min($0 + 500, ids.count)]) }
    }
}
