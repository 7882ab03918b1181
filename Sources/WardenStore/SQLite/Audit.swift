import Foundation
import GRDB
public import WardenCore

extension SQLiteStore {
    public func append(_ event: AuditEvent) async throws {
        try await group.write { db in try Self.insert(event, db) }
    }

    public func recentAuditEvents(limit: Int) async throws -> [AuditEvent] {
        try await pool.read { db in
            try Data.fetchAll(db, sql: "SELECT entry FROM audit_event ORDER BY leaf DESC LIMIT ?", arguments: [limit])
                .compactMap { AuditEvent(entry: Array($0)) }
        }
    }

    /// Appends `event` as the log's next entry inside the caller's transaction, so the record
    /// commits with the change. The sequencer is the write itself: the entry's leaf index is
    /// one past the largest, read and taken in the writer's transaction (SQLite has one
    /// writer at a time), so the indices have no gaps. The other columns index the entry for
    /// investigations.
    static func insert(_ event: AuditEvent, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO audit_event (at, actor, account_id, action, purpose, outcome, detail, data_classes, people_count,
                                     entry, versions_first, versions_last, leaf)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(leaf), -1) + 1 FROM audit_event))
            """)
        try statement.execute(arguments: [
            event.at.description, event.actor, event.accountID?.rawValue, event.action.rawValue, event.purpose?.rawValue,
            event.outcome.rawValue, event.detail, event.dataClasses.sorted().map(\.rawValue).joined(separator: ","),
            event.people.count, Data(event.entry), event.versions?.first, event.versions?.last,
        ])
        guard !event.people.isEmpty else { return }
        let eventID = db.lastInsertedRowID
        let person = try db.cachedStatement(sql: "INSERT OR IGNORE INTO audit_person (event_id, person_id) VALUES (?, ?)")
        for id in event.people {
            try person.execute(arguments: [eventID, id.rawValue])
        }
    }
}
