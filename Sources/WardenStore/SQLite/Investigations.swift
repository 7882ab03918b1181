import Foundation
import GRDB
public import WardenCore

extension SQLiteStore {
    @_spi(Gate) public func changes(
        byAccount account: AccountID, from: Timestamp, to: Timestamp, histories: Bool,
        audit: @escaping @Sendable ([VersionChange]) -> AuditEvent
    ) async throws -> AccountChanges {
        try await group.write { db in
            let window = try Self.changes(db, where: "v.account_id = ? AND v.at >= ? AND v.at <= ?",
                                          arguments: [account.rawValue, from.description, to.description])
            var all: [PersonID: [VersionChange]] = [:]
            if histories {
                for person in Set(window.map(\.version.personID)) {
                    all[person] = try Self.changes(db, where: "v.person_id = ?", arguments: [person.rawValue])
                }
            }
            try Self.insert(audit(window), db)
            return AccountChanges(window: window, histories: all)
        }
    }

    @_spi(Gate) public func history(of person: PersonID, audit: AuditEvent) async throws -> (versions: [VersionChange], events: [LoggedEvent]) {
        try await group.write { db in
            let versions = try Self.changes(db, where: "v.person_id = ?", arguments: [person.rawValue])
            let events = try Row.fetchAll(db, sql: """
                SELECT ae.leaf, ae.entry FROM audit_person ap JOIN audit_event ae ON ae.id = ap.event_id
                WHERE ap.person_id = ? ORDER BY ae.leaf
                """, arguments: [person.rawValue]).compactMap { row in
                AuditEvent(entry: Array(row["entry"] as Data)).map { LoggedEvent(index: row["leaf"], event: $0) }
            }
            try Self.insert(audit, db)
            return (versions, events)
        }
    }

    @_spi(Gate) public func contactChanges(
        in areas: Set<AreaID>, from: Timestamp, to: Timestamp, audit: @escaping @Sendable ([VersionChange]) -> AuditEvent
    ) async throws -> [VersionChange] {
        let cache = areaCache
        return try await group.write { db in
            let all = try cache.areas(SQLiteSession(db: db))
            let inside = Set(areas.compactMap { all[$0] }.flatMap { Area.descendants(of: $0, in: all) }.map(\.id.rawValue))
            let contactKeys = PersonState.Key.contactDetails.map(\.rawValue)
            let found = try Self.changes(db, where: "v.at >= ? AND v.at <= ?", arguments: [from.description, to.description])
                .filter { change in
                    guard let placement = change.placement, inside.contains(placement.rawValue) else { return false }
                    guard change.version.fields.contains(where: contactKeys.contains) else { return false }
                    return change.authorPersonID != change.version.personID
                }
            try Self.insert(audit(found), db)
            return found
        }
    }

    /// Versions matching `condition` (over `person_version v`), oldest first, each with the
    /// state it replaced, its audit entry and the person's placement.
    static func changes(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [VersionChange] {
        try Row.fetchAll(db, sql: """
            SELECT \(VersionRows.columns.split(separator: ",").map { "v." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")),
                   (SELECT pv.state FROM person_version pv WHERE pv.person_id = v.person_id AND pv.id < v.id ORDER BY pv.id DESC LIMIT 1) AS previous,
                   (SELECT ae.leaf FROM audit_event ae WHERE ae.versions_last >= v.id AND ae.versions_first <= v.id
                    ORDER BY ae.versions_last LIMIT 1) AS entry_leaf,
                   COALESCE((SELECT h.polling_district_id FROM person p JOIN household h ON h.id = p.household_id WHERE p.id = v.person_id),
                            (SELECT m.branch_area_id FROM member m WHERE m.person_id = v.person_id)) AS placement,
                   (SELECT a.person_id FROM account a WHERE a.id = v.account_id) AS author_person
            FROM person_version v WHERE \(condition) ORDER BY v.id
            """, arguments: arguments).map { row in
            VersionChange(
                version: VersionRows.version(from: row), previous: (row["previous"] as String?).map(PersonState.init(text:)),
                entryIndex: row["entry_leaf"], placement: (row["placement"] as Int64?).map(AreaID.init(rawValue:)),
                authorPersonID: (row["author_person"] as Int64?).map(PersonID.init(rawValue:)))
        }
    }
}
