import WardenCore

/// The rows imports add and write, as columns and values: one description for a statement each
/// (``SessionImportLedger``'s members and contact points) and PostgreSQL's `COPY`
/// (``PostgresImportLedger``). SQLite's first-import inserts bind the same columns through
/// their own compiled handles (``SQLiteImportLedger``).
enum ImportRows {
    static let household = ["address_key", "lines", "postcode", "house_number", "polling_district_id"]

    static func household(key: String, address: Address, district: Int64?) -> [SQLValue] {
        [.text(key), .text(address.lines.joined(separator: "\n")), .text(address.postcode), address.houseNumber.sqlValue, district.sqlValue]
    }

    static let person = ["title", "forenames", "surname", "name_key", "date_of_birth", "household_id", "created_at", "updated_at"]

    static func person(_ name: PersonName, nameKey: String?, dateOfBirth: CalendarDate?, household: Int64?, at instant: Timestamp) -> [SQLValue] {
        [name.title.sqlValue, .text(name.forenames), .text(name.surname), nameKey.sqlValue, dateOfBirth?.description.sqlValue ?? .null,
         household.sqlValue, instant.sqlValue, instant.sqlValue]
    }

    static let elector = ["person_id", "register_import_id", "polling_district_id", "prefix", "number", "suffix", "markers", "franchise",
                          "attainer_date", "anonymous", "opted_out"]

    static func elector(_ entry: RegisterEntry, person: Int64, district: Int64, importID: Int64) -> [SQLValue] {
        [.integer(person), .integer(importID), .integer(district), .text(entry.number.prefix), .integer(Int64(entry.number.number)),
         .integer(Int64(entry.number.suffix)), .text(entry.markers), entry.franchise.sqlValue,
         entry.attainerDate?.description.sqlValue ?? .null, .boolean(entry.isAnonymous), .boolean(entry.optedOut)]
    }

    /// A member's columns: what an update sets (all but the last two), then whose, then the number.
    static let member = ["status", "joined_on", "status_since", "branch_area_id", "dues_pence", "dues_frequency", "updated_at",
                         "person_id", "membership_number"]

    static func member(_ record: MembershipRecord, person: Int64, branch: Int64?, at instant: Timestamp) -> [SQLValue] {
        [.text(record.status.rawValue), record.joinedOn?.description.sqlValue ?? .null, record.statusSince?.description.sqlValue ?? .null,
         branch.sqlValue, record.dues?.pence.sqlValue ?? .null, record.dues?.frequency.rawValue.sqlValue ?? .null, instant.sqlValue,
         .integer(person), .text(record.membershipNumber)]
    }

    static let contact = ["person_id", "kind", "value", "source", "consent", "created_at"]

    static func contact(_ point: ContactPoint, of person: Int64, at instant: Timestamp) -> [SQLValue] {
        [.integer(person), .text(point.kind.rawValue), .text(point.value), .text(point.source.rawValue),
         .text(point.consent.sorted().map(\.rawValue).joined(separator: ",")), instant.sqlValue]
    }

    /// `INSERT INTO table (columns) VALUES (?, …)`, for the caller to finish.
    static func insert(into table: String, _ columns: [String]) -> String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }
}
