import Foundation
import GRDB
import WardenCore

/// The reads verification makes beside the tree, as SQLite statements.
extension SQLiteLog: LogLedger {
    func loggedEntries() throws -> SQLiteCursor<LoggedEntry> {
        // NULL sorts first in SQLite, so rows without a place in the log come before the entries.
        SQLiteCursor(try Row.fetchCursor(db, sql: """
            SELECT id, at, actor, account_id, action, purpose, outcome, detail, versions_first, versions_last, entry, leaf
            FROM audit_event ORDER BY leaf
            """)) { row in
            LoggedEntry(
                rowID: row[0], leaf: row[11], bytes: Array(row[10] as Data? ?? Data()),
                columns: LoggedEntry.Columns(
                    at: Timestamp(iso8601: row[1] as String), actor: row[2], accountID: row[3], action: row[4], purpose: row[5],
                    outcome: row[6], detail: row[7], versionsFirst: row[8], versionsLast: row[9]))
        }
    }

    func indexedPeople() throws -> SQLiteCursor<IndexedPerson> {
        SQLiteCursor(try Row.fetchCursor(db, sql: "SELECT event_id, person_id FROM audit_person ORDER BY event_id, person_id")) { row in
            IndexedPerson(event: row[0], person: row[1])
        }
    }

    func indexedPeople(event: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT person_id FROM audit_person WHERE event_id = ?", arguments: [event])
    }

    func versions() throws -> SQLiteCursor<PersonVersion> {
        SQLiteCursor(try Row.fetchCursor(db, sql: "SELECT \(VersionRows.columns) FROM person_version ORDER BY id"),
                     VersionRows.version(from:))
    }
}
