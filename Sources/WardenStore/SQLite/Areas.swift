import GRDB
public import WardenCore

extension SQLiteStore {
    public func saveAreas(_ definitions: [AreaDefinition], audit: AuditEvent) async throws -> Int {
        try await pool.write { db in
            var created = 0
            for definition in definitions.sorted(by: { $0.level < $1.level }) {
                var parentID: Int64?
                if let parentLevel = definition.level.parentLevel {
                    guard let code = definition.parentCode,
                        let id = try Int64.fetchOne(db, sql: "SELECT id FROM area WHERE level = ? AND code = ?",
                                                    arguments: [parentLevel.rawValue, code])
                    else {
                        throw StoreError.invalid(
                            "\(definition.level.rawValue) \(definition.code): parent \(parentLevel.rawValue) '\(definition.parentCode ?? "")' is not defined")
                    }
                    parentID = id
                }
                let existing = try Int64.fetchOne(
                    db, sql: "SELECT id FROM area WHERE level = ? AND code = ?", arguments: [definition.level.rawValue, definition.code])
                if let existing {
                    try db.execute(sql: "UPDATE area SET name = ?, parent_id = ? WHERE id = ?",
                                   arguments: [definition.name, parentID, existing])
                } else {
                    try db.execute(sql: "INSERT INTO area (level, code, name, parent_id) VALUES (?, ?, ?, ?)",
                                   arguments: [definition.level.rawValue, definition.code, definition.name, parentID])
                    created += 1
                    if let unit = definition.level.partyUnit {
                        let name = unit == .branch ? "\(definition.name) Branch" : "\(definition.name) Constituency Party"
                        try db.execute(sql: "INSERT INTO party_unit (kind, area_id, name) VALUES (?, ?, ?)",
                                       arguments: [unit.rawValue, db.lastInsertedRowID, name])
                    }
                }
            }
            try AreaCache.bump(db)
            try Self.insert(audit, db)
            return created
        }
    }

    public func allAreas() async throws -> [Area] {
        try await pool.read { db in try Self.areas(db) }
    }

    public func areaSummary(_ id: AreaID) async throws -> AreaSummary? {
        try await pool.read { db in
            let all = Dictionary(uniqueKeysWithValues: try Self.areas(db).map { ($0.id, $0) })
            guard let area = all[id] else { return nil }
            var ancestors: [AreaRef] = []
            var cursor = area.parentID
            while let parent = cursor.flatMap({ all[$0] }) {
                ancestors.insert(AreaRef(parent), at: 0)
                cursor = parent.parentID
            }
            let children = all.values.filter { $0.parentID == id }.sorted { $0.name < $1.name }.map(AreaRef.init)
            // The area itself counts: a polling district's own electors are in it.
            let within = [area] + Area.descendants(of: area, in: all)
            let districts = within.filter { $0.level == .pollingDistrict }.map(\.id.rawValue)
            let wards = within.filter { $0.level == .ward }.map(\.id.rawValue)
            let districtList = districts.isEmpty ? "NULL" : districts.map(String.init).joined(separator: ",")
            let wardList = wards.isEmpty ? "NULL" : wards.map(String.init).joined(separator: ",")
            let electors = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM elector WHERE current = 1 AND polling_district_id IN (\(districtList))") ?? 0
            let households = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM household WHERE polling_district_id IN (\(districtList))") ?? 0
            // Members placed here as people are for access: by branch, or by where they live.
            let members = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM member m JOIN person p ON p.id = m.person_id LEFT JOIN household h ON h.id = p.household_id
                WHERE m.branch_area_id IN (\(wardList)) OR h.polling_district_id IN (\(districtList))
                """) ?? 0
            return AreaSummary(area: area, ancestors: ancestors, children: children, electors: electors,
                               households: households, members: members)
        }
    }

    static func areas(_ db: Database) throws -> [Area] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT id, level, code, name, parent_id FROM area ORDER BY id")).map { row in
            let parent: Int64? = row["parent_id"]
            return Area(id: AreaID(row["id"] as Int64), level: AreaLevel(rawValue: row["level"]) ?? .pollingDistrict,
                        code: row["code"], name: row["name"], parentID: parent.map(AreaID.init(rawValue:)))
        }
    }
}
