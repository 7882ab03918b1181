/// One engine's transaction as the store's own SQL uses it: a query's rows, a statement's
/// count of changed rows. Statements are written once, in the SQL both engines speak, with
/// `?` for each argument; each engine binds the arguments its own way (PostgreSQL's
/// `$1, $2, …`) and never splices a value into the text.
///
/// The dialect both speak: `INSERT … RETURNING id`, `ON CONFLICT … DO NOTHING/UPDATE`,
/// `IS NOT DISTINCT FROM` for a comparison that may be with null, and flags as the integers 0
/// and 1 (`WHERE current = 1`: SQLite uses a partial index only for the condition it was made
/// with, so a flag is never tested as itself).
protocol SQLSession {
    var dialect: SQLDialect { get }
    /// The rows `sql` gives.
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
    /// Runs `sql`; the number of rows it inserted, changed or deleted.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
}

extension SQLSession {
    func rows(_ sql: String, _ arguments: any SQLBindable...) throws -> [SQLRow] {
        try rows(sql, arguments.map(\.sqlValue))
    }

    /// The first row `sql` gives, if any.
    func row(_ sql: String, _ arguments: any SQLBindable...) throws -> SQLRow? {
        try rows(sql, arguments.map(\.sqlValue)).first
    }

    @discardableResult
    func execute(_ sql: String, _ arguments: any SQLBindable...) throws -> Int {
        try execute(sql, arguments.map(\.sqlValue))
    }

    /// The number a `SELECT COUNT(…)` (or any one-number query) gives; 0 when it gives no row.
    func count(_ sql: String, _ arguments: any SQLBindable...) throws -> Int {
        try rows(sql, arguments.map(\.sqlValue)).first?.int(0) ?? 0
    }

    /// Runs an `INSERT … RETURNING id` and gives the id.
    func insert(_ sql: String, _ arguments: any SQLBindable...) throws -> Int64 {
        guard let row = try rows(sql, arguments.map(\.sqlValue)).first else { throw SQLReadError(column: 0, expected: "an inserted id") }
        return try row.integer(0)
    }
}
