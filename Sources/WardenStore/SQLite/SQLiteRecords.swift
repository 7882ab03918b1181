import GRDB

/// The records' primitives as SQLite reads: every person through ``SnapshotReader``.
struct SQLiteRecords: RecordLedger {
    let db: Database

    func records() throws -> SnapshotReader {
        try SnapshotReader(db, scope: .everyone)
    }

    func versionedPeopleWithoutRecord() throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT DISTINCT v.person_id FROM person_version v WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id = v.person_id)
            """)
    }
}
