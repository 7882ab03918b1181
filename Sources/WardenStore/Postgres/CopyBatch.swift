/// Rows for one table, gathered in memory and sent with one `COPY … FROM STDIN` when flushed.
struct CopyBatch {
    let table: String
    let columns: [String]
    private(set) var rows: [[SQLValue]] = []

    init(_ table: String, _ columns: [String]) {
        self.table = table
        self.columns = columns
    }

    mutating func append(_ row: [SQLValue]) {
        precondition(row.count == columns.count, "a row for \(table) with \(row.count) values for \(columns.count) columns")
        rows.append(row)
    }

    /// Replaces the row at `index` (a later value for the same key, before it was sent).
    mutating func replace(_ index: Int, with row: [SQLValue]) {
        rows[index] = row
    }

    var count: Int { rows.count }

    /// Sends the gathered rows, if any, and forgets them.
    mutating func flush(into session: PostgresSession) throws {
        guard !rows.isEmpty else { return }
        let sending = rows
        rows.removeAll(keepingCapacity: true)
        try session.copy(into: table, columns: columns) { emit in
            for row in sending { try emit(row) }
        }
    }
}

/// Identifiers for new rows of a table, taken from its identity sequence a block at a time, so
/// rows sent with `COPY` can be referred to before they are sent. Each `nextval` is PostgreSQL's
/// own: another server inserting at the same time gets other numbers.
struct IdentityBlock {
    let table: String
    private var taken: [Int64] = []
    private var used = 0

    init(_ table: String) {
        self.table = table
    }

    /// How many identifiers one round trip takes.
    static let size = 10_000

    mutating func next(_ sql: any SQLSession) throws -> Int64 {
        if used == taken.count {
            taken = try Self.take(Self.size, of: table, sql)
            used = 0
        }
        defer { used += 1 }
        return taken[used]
    }

    /// `count` new identifiers of `table`, in increasing order, in one round trip.
    static func take(_ count: Int, of table: String, _ sql: any SQLSession) throws -> [Int64] {
        try sql.rows("SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?) ORDER BY 1", table, count)
            .map { try $0.integer(0) }
    }
}
