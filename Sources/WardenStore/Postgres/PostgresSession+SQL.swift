import NIOCore
import PostgresNIO
import Synchronization

extension PostgresSession: SQLSession {
    var dialect: SQLDialect { .postgres }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        try send(PostgresQuery(unsafeSQL: PostgresPlaceholders.numbered(sql), binds: Self.bindings(arguments))).map { row in
            SQLRow(values: try row.map(Self.value(of:)))
        }
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try send(PostgresQuery(unsafeSQL: PostgresPlaceholders.numbered(sql), binds: Self.bindings(arguments))).metadata.rows ?? 0
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
