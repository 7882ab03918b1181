import GRDB
public import WardenCore

extension SQLiteStore {
    public func append(_ event: AuditEvent) async throws {
        try await pool.write { db in try Self.insert(event, db) }
    }

    public func recentAuditEvents(limit: Int) async throws -> [AuditEvent] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT at, actor, account_id, action, purpose, outcome, detail, data_classes
                FROM audit_event ORDER BY id DESC LIMIT ?
                """, arguments: [limit]).map { row in
                let classes = (row["data_classes"] as String).split(separator: ",").compactMap { DataClass(rawValue: String($0)) }
                let accountID: Int64? = row["account_id"]
                return AuditEvent(
                    at: Timestamp(iso8601: row["at"]) ?? Timestamp(secondsSince1970: 0), actorLabel: row["actor"],
                    accountID: accountID.map(AccountID.init(rawValue:)), action: AuditAction(rawValue: row["action"]) ?? .read,
                    purpose: (row["purpose"] as String?).flatMap(Purpose.init(rawValue:)),
                    outcome: AuditEvent.Outcome(rawValue: row["outcome"]) ?? .failed, detail: row["detail"],
                    dataClasses: Set(classes), people: [])
            }
        }
    }

    /// Appends `event` inside the caller's transaction: the record commits with the change.
    static func insert(_ event: AuditEvent, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO audit_event (at, actor, account_id, action, purpose, outcome, detail, data_classes, people_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            event.at.description, event.actor, event.accountID?.rawValue, event.action.rawValue, event.purpose?.rawValue,
            event.outcome.rawValue, event.detail, event.dataClasses.sorted().map(\.rawValue).joined(separator: ","),
            event.people.count,
        ])
        guard !event.people.isEmpty else { return }
        let eventID = db.lastInsertedRowID
        let person = try db.cachedStatement(sql: "INSERT OR IGNORE INTO audit_person (event_id, person_id) VALUES (?, ?)")
        for id in event.people {
            try person.execute(arguments: [eventID, id.rawValue])
        }
    }
}
