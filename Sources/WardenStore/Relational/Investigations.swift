import Foundation
public import WardenCore

extension RelationalStore {
    @_spi(Gate) public func changes(
        byAccount account: AccountID, from: Timestamp, to: Timestamp, histories: Bool,
        audit: @escaping @Sendable ([VersionChange]) -> AuditEvent
    ) async throws -> AccountChanges {
        try await engine.write { [engine] sql in
            try engine.numberLog(sql)
            let window = try Self.changes(sql, where: "v.account_id = ? AND v.at >= ? AND v.at <= ?", account.rawValue, from, to)
            var all: [PersonID: [VersionChange]] = [:]
            if histories {
                for person in Set(window.map(\.version.personID)) {
                    all[person] = try Self.changes(sql, where: "v.person_id = ?", person.rawValue)
                }
            }
            try AuditRows.insert(audit(window), sql)
            return AccountChanges(window: window, histories: all)
        }
    }

    @_spi(Gate) public func history(of person: PersonID, audit: AuditEvent) async throws -> (versions: [VersionChange], events: [LoggedEvent]) {
        try await engine.write { [engine] sql in
            try engine.numberLog(sql)
            let versions = try Self.changes(sql, where: "v.person_id = ?", person.rawValue)
            let events = try sql.rows("""
                SELECT ae.leaf, ae.entry FROM audit_person ap JOIN audit_event ae ON ae.id = ap.event_id
                WHERE ap.person_id = ? ORDER BY ae.leaf
                """, person.rawValue).compactMap { row in
                let index = try row.integer(0)
                return AuditEvent(entry: try row.blob(1)).map { LoggedEvent(index: index, event: $0) }
            }
            try AuditRows.insert(audit, sql)
            return (versions, events)
        }
    }

    @_spi(Gate) public func contactChanges(
        in areas: Set<AreaID>, from: Timestamp, to: Timestamp, audit: @escaping @Sendable ([VersionChange]) -> AuditEvent
    ) async throws -> [VersionChange] {
        let cache = areaCache
        return try await engine.write { [engine] sql in
            try engine.numberLog(sql)
            let all = try cache.areas(sql)
            let inside = Set(areas.compactMap { all[$0] }.flatMap { Area.descendants(of: $0, in: all) }.map(\.id.rawValue))
            let contactKeys = PersonState.Key.contactDetails.map(\.rawValue)
            let found = try Self.changes(sql, where: "v.at >= ? AND v.at <= ?", from, to)
                .filter { change in
                    guard let placement = change.placement, inside.contains(placement.rawValue) else { return false }
                    guard change.version.fields.contains(where: contactKeys.contains) else { return false }
                    return change.authorPersonID != change.version.personID
                }
            try AuditRows.insert(audit(found), sql)
            return found
        }
    }

    /// Versions matching `condition` (over `person_version v`), oldest first, each with the
    /// state it replaced, its audit entry and the person's placement.
    static func changes(_ sql: any SQLSession, where condition: String, _ arguments: any SQLBindable...) throws -> [VersionChange] {
        try sql.rows("""
            SELECT \(VersionRows.columns.split(separator: ",").map { "v." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")),
                   (SELECT pv.state FROM person_version pv WHERE pv.person_id = v.person_id AND pv.id < v.id ORDER BY pv.id DESC LIMIT 1),
                   (SELECT ae.leaf FROM audit_event ae WHERE ae.versions_last >= v.id AND ae.versions_first <= v.id
                    ORDER BY ae.versions_last LIMIT 1),
                   COALESCE((SELECT h.polling_district_id FROM person p JOIN household h ON h.id = p.household_id WHERE p.id = v.person_id),
                            (SELECT m.branch_area_id FROM member m WHERE m.person_id = v.person_id)),
                   (SELECT a.person_id FROM account a WHERE a.id = v.account_id)
            FROM person_version v WHERE \(condition) ORDER BY v.id
            """, arguments.map(\.sqlValue)).map { row in
            VersionChange(
                version: try VersionRows.version(from: row), previous: try row.optionalText(11).map(PersonState.init(text:)),
                entryIndex: try row.optionalInteger(12), placement: try row.optionalInteger(13).map(AreaID.init(rawValue:)),
                authorPersonID: try row.optionalInteger(14).map(PersonID.init(rawValue:)))
        }
    }
}
