import Foundation
import NIOCore
import PostgresNIO
import Synchronization

extension PostgresSession: SQLSession {
    var dialect: SQLDialect { .postgres }

    /// The statement's rows, run by name when it has one (``PreparedStatementName``).
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let text = PostgresPlaceholders.numbered(sql)
        guard let named = PreparedStatementName.named(text, arguments) else {
            return try send(PostgresQuery(unsafeSQL: text, binds: Self.bindings(arguments))).map { row in
                SQLRow(values: try row.map(Self.value(of:)))
            }
        }
        return try rows(of: named, Self.bindings(arguments))
    }

    /// The rows the statement affected, run by name when it has one.
    ///
    /// postgres-nio reads no command tag for a prepared statement, so a change that answers
    /// with no rows (an `INSERT`, `UPDATE` or `DELETE` without `RETURNING`) runs inside
    /// `WITH changed AS (… RETURNING 1) SELECT count(*) FROM changed`, which answers with its
    /// count; a statement that answers with rows (a `SELECT … FOR UPDATE`, a function called
    /// for its effect) counts them, as its tag would.
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        let text = PostgresPlaceholders.numbered(sql)
        let counted = Self.answersWithoutRows(text) ? "WITH changed AS (\(text) RETURNING 1) SELECT count(*) FROM changed" : text
        guard let named = PreparedStatementName.named(counted, arguments) else {
            return try send(PostgresQuery(unsafeSQL: text, binds: Self.bindings(arguments))).metadata.rows ?? 0
        }
        let rows = try rows(of: named, Self.bindings(arguments))
        guard counted != text else { return rows.count }
        guard case .integer(let count)? = rows.first?.values.first else { throw SQLReadError(column: 0, expected: "a count") }
        return Int(count)
    }

    /// Runs a named statement, preparing it first on a connection that has not run it.
    private func rows(of named: PreparedStatementName.Named, _ bindings: PostgresBindings) throws -> [SQLRow] {
        let (connection, logger) = (connection, logger)
        return try waitFor {
            try await PreparedStatementName.$running.withValue(named) {
                var rows: [SQLRow] = []
                for try await row in try await connection.execute(PreparedStoreStatement(bindings: bindings), logger: logger) {
                    rows.append(row)
                }
                return rows
            }
        }
    }

    /// Whether `sql` is a change that answers with no rows: an `INSERT`, `UPDATE` or `DELETE`
    /// without `RETURNING`.
    static func answersWithoutRows(_ sql: String) -> Bool {
        let start = sql.drop(while: \.isWhitespace).prefix(6).uppercased()
        guard start == "INSERT" || start == "UPDATE" || start == "DELETE" else { return false }
        return sql.range(of: "RETURNING", options: .caseInsensitive) == nil
    }

    static func bindings(_ values: [SQLValue]) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let integer): bindings.append(integer)
            case .text(let text): bindings.append(text)
            case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            case .boolean(let flag): bindings.append(Int64(flag ? 1 : 0))
            }
        }
        return bindings
    }

    /// A cell as the store reads it: integers of every width as one, text, bytes, flags.
    static func value(of cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .void: return .null
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .bool: return .boolean(try cell.decode(Bool.self))
        case .bytea: return .blob(Array(buffer: try cell.decode(ByteBuffer.self)))
        case .text, .varchar, .name, .bpchar: return .text(try cell.decode(String.self))
        default: throw SQLReadError(column: cell.columnIndex, expected: "a value of a kind the store writes")
        }
    }
}

/// The store's `?` placeholders as PostgreSQL's `$1, $2, …`, rewritten once per statement text.
enum PostgresPlaceholders {
    private static let rewritten = Mutex<[String: String]>([:])

    /// `sql` with each `?` outside quoted text numbered in order, and each `?N` (an argument
    /// used more than once) as `$N`.
    static func numbered(_ sql: String) -> String {
        if let known = rewritten.withLock({ $0[sql] }) { return known }
        var text = ""
        var count = 0
        var inQuote = false
        let characters = Array(sql)
        for (index, character) in characters.enumerated() {
            if character == "'" { inQuote.toggle() }
            if character == "?" && !inQuote {
                if index + 1 < characters.count, characters[index + 1].isNumber {
                    text += "$"
                } else {
                    count += 1
                    text += "$\(count)"
                }
            } else {
                text.append(character)
            }
        }
        // Statements built with inlined identifiers are many; keep the cache bounded.
        rewritten.withLock { if $0.count > 10_000 { $0.removeAll() }; $0[sql] = text }
        return text
    }
}
