import GRDB
import WardenCore

/// The records' primitives as SQLite reads: every person through ``SnapshotReader``.
struct SQLiteRecords: RecordLedger {
    let db: Database

    func records() throws -> SnapshotReader {
        try SnapshotReader(db, scope: .everyone)
    }

    func versionedPeopleWithoutRecord() throws -> [Int64] {
        try Int64.fetchAll(db, sql: ErasureRows.versionedWithoutRecord)
    }

    func erasureTallies() throws -> [ErasureTally] {
        try Row.fetchAll(db, sql: ErasureRows.tallies).map { ErasureTally(erasure: ErasureID($0[0] as Int64), people: $0[1], versions: $0[2]) }
    }

    func redactionsWithoutTombstone() throws -> [(version: Int64, person: Int64, erasure: Int64)] {
        try Row.fetchAll(db, sql: ErasureRows.redactedWithoutTombstone).map { (version: $0[0], person: $0[1], erasure: $0[2]) }
    }
}
