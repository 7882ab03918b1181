import GRDB
import WardenCore

/// Versions as SQLite stores them: `person_version` rows, read back into ``PersonVersion``s.
/// Making them is ``Versioning``'s, over ``SQLLedger<SQLiteVersions>``.
enum VersionRows {
    /// A version as stored.
    static func version(from row: Row) -> PersonVersion {
        PersonVersion(
            id: row["id"], personID: PersonID(rawValue: row["person_id"]),
            at: Timestamp(iso8601: row["at"]) ?? Timestamp(secondsSince1970: 0),
            accountID: (row["account_id"] as Int64?).map(AccountID.init(rawValue:)), actor: row["actor"],
            grantID: row["grant_id"], reason: row["reason"],
            fields: (row["fields"] as String).split(separator: ",").map(String.init), state: PersonState(text: row["state"]))
    }

    static let columns = "id, person_id, at, account_id, actor, grant_id, reason, fields, state"
}
