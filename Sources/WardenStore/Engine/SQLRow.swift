import WardenCore

/// One row the store's SQL read, its columns by position (as the statement listed them).
///
/// The getters read what the store wrote and fail loudly on anything else: a value of the
/// wrong kind is a schema or statement mistake, not data to guess at.
struct SQLRow: Sendable {
    var values: [SQLValue]

    func integer(_ column: Int) throws -> Int64 {
        guard let value = try optionalInteger(column) else { throw SQLReadError(column: column, expected: "an integer") }
        return value
    }

    func optionalInteger(_ column: Int) throws -> Int64? {
        switch values[column] {
        case .null: return nil
        case .integer(let value): return value
        case .boolean(let value): return value ? 1 : 0
        default: throw SQLReadError(column: column, expected: "an integer")
        }
    }

    func int(_ column: Int) throws -> Int { Int(try integer(column)) }

    func text(_ column: Int) throws -> String {
        guard let value = try optionalText(column) else { throw SQLReadError(column: column, expected: "text") }
        return value
    }

    func optionalText(_ column: Int) throws -> String? {
        switch values[column] {
        case .null: return nil
        case .text(let value): return value
        default: throw SQLReadError(column: column, expected: "text")
        }
    }

    func bool(_ column: Int) throws -> Bool {
        switch values[column] {
        case .boolean(let value): return value
        case .integer(let value): return value != 0
        default: throw SQLReadError(column: column, expected: "a flag")
        }
    }

    func blob(_ column: Int) throws -> [UInt8] {
        guard let value = try optionalBlob(column) else { throw SQLReadError(column: column, expected: "bytes") }
        return value
    }

    func optionalBlob(_ column: Int) throws -> [UInt8]? {
        switch values[column] {
        case .null: return nil
        case .blob(let value): return value
        default: throw SQLReadError(column: column, expected: "bytes")
        }
    }

    /// A time stored as ISO 8601 text.
    func timestamp(_ column: Int) throws -> Timestamp {
        guard let value = try optionalTimestamp(column) else { throw SQLReadError(column: column, expected: "a time") }
        return value
    }

    func optionalTimestamp(_ column: Int) throws -> Timestamp? {
        guard let text = try optionalText(column) else { return nil }
        guard let value = Timestamp(iso8601: text) else { throw SQLReadError(column: column, expected: "a time") }
        return value
    }
}

/// A column held something other than what the statement's reader expected: a mistake in the
/// store, reported by column number (never the value).
struct SQLReadError: Error, CustomStringConvertible {
    var column: Int
    var expected: String
    var description: String { "store: column \(column) is not \(expected)" }
}
