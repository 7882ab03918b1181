import WardenCore

/// Versions as both engines store them: `person_version` rows, read back into
/// ``PersonVersion``s. Making them is ``Versioning``'s, over a ``VersionLedger``.
enum VersionRows {
    static let columns = "id, person_id, at, account_id, actor, grant_id, reason, fields, state, erasure_id, erased_hash"

    /// A version from a row that starts with ``columns``.
    static func version(from row: SQLRow) throws -> PersonVersion {
        PersonVersion(
            id: try row.integer(0), personID: PersonID(rawValue: try row.integer(1)), at: try row.timestamp(2),
            accountID: try row.optionalInteger(3).map(AccountID.init(rawValue:)), actor: try row.text(4),
            grantID: try row.optionalInteger(5), reason: try row.text(6),
            fields: try row.text(7).split(separator: ",").map(String.init), state: PersonState(text: try row.text(8)),
            erased: try row.optionalInteger(9).map { ErasedVersion(erasure: ErasureID($0), hash: try row.optionalBlob(10) ?? []) })
    }
}
