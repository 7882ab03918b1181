import Foundation
import GRDB

/// The SQL session over a GRDB connection inside its transaction. Statements are prepared once
/// per connection (GRDB's statement cache) and their rows read by position.
struct SQLiteSession: SQLSession {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(Self.arguments(arguments))
        let cursor = try Row.fetchCursor(statement)
        var rows: [SQLRow] = []
        while let row = try cursor.next() {
            rows.append(SQLRow(values: (0..<row.count).map { Self.value(row[$0] as DatabaseValue) }))
        }
        return rows
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
        return db.changesCount
    }

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .null: nil
            case .integer(let integer): integer
            case .text(let text): text
            case .blob(let bytes): Data(bytes)
            case .boolean(let flag): flag ? 1 : 0
            }
        })
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let integer): .integer(integer)
        case .double(let double): .integer(Int64(double))
        case .string(let text): .text(text)
        case .blob(let data): .blob(Array(data))
        }
    }
}

/// GRDB's pool for reads, the group commit for writes.
extension SQLiteEngine: LedgerEngine {
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await pool.read { db in try body(SQLiteSession(db: db)) }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await group.write { db in try body(SQLiteSession(db: db)) }
    }

    func write<T: Sendable>(areas: AreaCache, _ body: @escaping @Sendable (SQLLedger<SQLiteVersions>) throws -> T) async throws -> T {
        try await group.write { db in try body(SQLLedger(db, areas: areas)) }
    }
}
