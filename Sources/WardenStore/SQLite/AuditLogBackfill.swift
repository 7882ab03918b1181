import Foundation
import GRDB
import WardenCore

/// Brings a database made before the tamper-evident log up to it: gives every earlier
/// audit event its entry bytes, and every person a first version, recorded by one entry.
enum AuditLogBackfill {
    static func run(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, at, actor, account_id, action, purpose, outcome, detail, data_classes FROM audit_event ORDER BY id
            """)
        for row in rows {
            let id: Int64 = row["id"]
            let people = try Int64.fetchAll(db, sql: "SELECT person_id FROM audit_person WHERE event_id = ? ORDER BY person_id", arguments: [id])
            let event = AuditEvent(
                at: Timestamp(iso8601: row["at"]) ?? Timestamp(secondsSince1970: 0), actorLabel: row["actor"],
                accountID: (row["account_id"] as Int64?).map(AccountID.init(rawValue:)),
                action: AuditAction(rawValue: row["action"]) ?? .read,
                purpose: (row["purpose"] as String?).flatMap(Purpose.init(rawValue:)),
                outcome: AuditEvent.Outcome(rawValue: row["outcome"]) ?? .failed, detail: row["detail"],
                dataClasses: Set((row["data_classes"] as String).split(separator: ",").compactMap { DataClass(rawValue: String($0)) }),
                people: people.map(PersonID.init(rawValue:)))
            try db.execute(sql: "UPDATE audit_event SET entry = ? WHERE id = ?", arguments: [Data(event.entry), id])
        }
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM person)") == true else { return }
        let now = Timestamp.now
        let actor = "operator:migration"
        try SQLiteVersions.prepareTouched(db)
        try db.execute(sql: "INSERT INTO temp.touched_person SELECT id FROM person")
        let binding = try Versioning.record(
            VersionAuthor(at: now, accountID: nil, actor: actor, grantID: nil, reason: "first version, when versioning began"),
            in: SQLLedger(db, areas: AreaCache()))
        try AuditRows.insert(AuditEvent(
            at: now, actorLabel: actor, accountID: nil, action: .write, purpose: nil, outcome: .allowed,
            detail: "first versions of existing records", dataClasses: [.identity, .contact, .membership, .financial],
            people: [], versions: binding), SQLiteSession(db: db))
    }
}
