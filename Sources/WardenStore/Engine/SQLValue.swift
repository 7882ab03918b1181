import Foundation
import WardenCore

/// A value bound into, or read out of, the store's SQL: what both engines store. A
/// ``boolean`` is stored as the integer 1 or 0 on both, and read back from either.
enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)
    case blob([UInt8])
    case boolean(Bool)
}

/// Something that binds as an ``SQLValue``: the store's statements take their arguments as
/// these, so a call reads `session.rows("… WHERE id = ?", id.rawValue)`.
protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLBindable {
    var sqlValue: SQLValue { self }
}

extension Int64: SQLBindable {
    var sqlValue: SQLValue { .integer(self) }
}

extension Int: SQLBindable {
    var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension String: SQLBindable {
    var sqlValue: SQLValue { .text(self) }
}

extension Bool: SQLBindable {
    var sqlValue: SQLValue { .boolean(self) }
}

extension Array: SQLBindable where Element == UInt8 {
    var sqlValue: SQLValue { .blob(self) }
}

extension Data: SQLBindable {
    var sqlValue: SQLValue { .blob(Array(self)) }
}

extension Timestamp: SQLBindable {
    /// Times are ISO 8601 text in UTC on both engines: compared as text, hashed as text.
    var sqlValue: SQLValue { .text(description) }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    var sqlValue: SQLValue { self?.sqlValue ?? .null }
}
