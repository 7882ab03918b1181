import Foundation
import GRDB
import WardenCore

extension VersionRows {
    /// A version from a GRDB row of ``columns``, for the log's whole-table walk on SQLite
    /// (``SQLiteLog``), which reads millions of them through a cursor.
    static func version(from row: Row) -> PersonVersion {
        PersonVersion(
            id: row[0], personID: PersonID(rawValue: row[1]), at: Timestamp(iso8601: row[2]) ?? Timestamp(secondsSince1970: 0),
            accountID: (row[3] as Int64?).map(AccountID.init(rawValue:)), actor: row[4], grantID: row[5], reason: row[6],
            fields: (row[7] as String).split(separator: ",").map(String.init), state: PersonState(text: row[8]),
            erased: (row[9] as Int64?).map { ErasedVersion(erasure: ErasureID($0), hash: Array((row[10] as Data?) ?? Data())) })
    }
}
