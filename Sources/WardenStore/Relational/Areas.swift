public import WardenCore

extension RelationalStore {
    public func saveAreas(_ definitions: [AreaDefinition], audit: AuditEvent) async throws -> Int {
        try await engine.write { sql in
            var created = 0
            for definition in definitions.sorted(by: { $0.level < $1.level }) {
                var parentID: Int64?
                if let parentLevel = definition.level.parentLevel {
                    guard let code = definition.parentCode,
                          let id = try sql.row("SELECT id FROM area WHERE level = ? AND code = ?", parentLevel.rawValue, code)?.integer(0)
                    else {
                        throw StoreError.invalid(
                            "\(definition.level.rawValue) \(definition.code): parent \(parentLevel.rawValue) '\(definition.parentCode ?? "")' is not defined")
                    }
                    parentID = id
                }
                if let existing = try sql.row("SELECT id FROM area WHERE level = ? AND code = ?", definition.level.rawValue, definition.code)?.integer(0) {
                    try sql.execute("UPDATE area SET name = ?, parent_id = ? WHERE id = ?", definition.name, parentID, existing)
                } else {
                    let id = try sql.insert("INSERT INTO area (level, code, name, parent_id) VALUES (?, ?, ?, ?) RETURNING id",
                                            definition.level.rawValue, definition.code, definition.name, parentID)
                    created += 1
                    if let unit = definition.level.partyUnit {
                        let name = unit == .branch ? "\(definition.name) Branch" : "\(definition.name) Constituency Party"
                        try sql.execute("INSERT INTO party_unit (kind, area_id, name) VALUES (?, ?, ?)", unit.rawValue, id, name)
                    }
                }
            }
            try AreaCache.bump(sql)
            try AuditRows.insert(audit, sql)
            return created
        }
    }

    public func allAreas() async throws -> [Area] {
        try await engine.read { sql in try AreaCache.all(sql) }
    }

    public func areaSummary(_ id: AreaID) async throws -> AreaSummary? {
        try await engine.read { sql in
            let all = Dictionary(uniqueKeysWithValues: try AreaCache.all(sql).map { ($0.id, $0) })
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
            let electors = try sql.count("SELECT COUNT(*) FROM elector WHERE current = 1 AND polling_district_id IN (\(districtList))")
            let households = try sql.count("SELECT COUNT(*) FROM household WHERE polling_district_id IN (\(districtList))")
            // Members placed here as people are for access: by branch, or by where they live.
            let members = try sql.count("""
                SELECT COUNT(*) FROM member m JOIN person p ON p.id = m.person_id LEFT JOIN household h ON h.id = p.household_id
                WHERE m.branch_area_id IN (\(wardList)) OR h.polling_district_id IN (\(districtList))
                """)
            return AreaSummary(area: area, ancestors: ancestors, children: children, electors: electors,
                               households: households, members: members)
        }
    }
}
