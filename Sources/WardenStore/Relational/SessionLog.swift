import WardenCore

/// The log tree's primitives (``LogNodes``) as statements both engines run through a
/// ``SQLSession``: leaves are `audit_event.leaf`, interior nodes `log_node`, the integrated
/// size `setting.log_size`. Long walks (every entry from a leaf on, every node of a level) read
/// in chunks along the key, so they hold a bounded number of rows at a time.
///
/// PostgreSQL's log; SQLite keeps its own cursor-based one (``SQLiteLog``), which verify of
/// ten million entries is tuned on.
struct SessionLog: LogNodes {
    let sql: any SQLSession
    /// Rows a long walk reads at a time.
    static let chunk = 10_000

    func entryCount() throws -> UInt64 {
        UInt64(try sql.row("SELECT COALESCE(MAX(leaf) + 1, 0) FROM audit_event")?.integer(0) ?? 0)
    }

    func entries(_ leaves: Range<UInt64>) throws -> [[UInt8]] {
        try sql.rows("SELECT entry FROM audit_event WHERE leaf >= ? AND leaf < ? ORDER BY leaf",
                     Int64(leaves.lowerBound), Int64(leaves.upperBound)).map { try $0.blob(0) }
    }

    func entries(from first: UInt64) throws -> ChunkedCursor<[UInt8]> {
        ChunkedCursor(from: Int64(first)) { [sql] after in
            try sql.rows("SELECT leaf, entry FROM audit_event WHERE leaf >= ? ORDER BY leaf LIMIT ?", after, Self.chunk)
                .map { (try $0.integer(0), try $0.blob(1)) }
        }
    }

    func integratedSize() throws -> UInt64 {
        (try sql.row("SELECT value FROM setting WHERE key = 'log_size'")?.text(0)).flatMap { UInt64($0) } ?? 0
    }

    func setIntegratedSize(_ size: UInt64) throws {
        try sql.execute("INSERT INTO setting (key, value) VALUES ('log_size', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        String(size))
    }

    func node(level: Int, index: UInt64) throws -> [UInt8]? {
        try sql.row("SELECT hash FROM log_node WHERE level = ? AND idx = ?", level, Int64(index))?.blob(0)
    }

    func nodes(level: Int, _ indices: Range<UInt64>) throws -> [[UInt8]] {
        try sql.rows("SELECT hash FROM log_node WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx",
                     level, Int64(indices.lowerBound), Int64(indices.upperBound)).map { try $0.blob(0) }
    }

    func storeNode(level: Int, index: UInt64, hash: [UInt8]) throws {
        try sql.execute("""
            INSERT INTO log_node (level, idx, hash) VALUES (?, ?, ?) ON CONFLICT (level, idx) DO UPDATE SET hash = excluded.hash
            """, level, Int64(index), hash)
    }

    func nodeLevels() throws -> [Int] {
        var levels: [Int] = []
        var level = try sql.row("SELECT MIN(level) FROM log_node")?.optionalInteger(0)
        while let current = level {
            levels.append(Int(current))
            level = try sql.row("SELECT MIN(level) FROM log_node WHERE level > ?", current)?.optionalInteger(0)
        }
        return levels
    }

    func nodes(level: Int) throws -> ChunkedCursor<StoredNode> {
        ChunkedCursor(from: Int64.min) { [sql] after in
            try sql.rows("SELECT idx, hash FROM log_node WHERE level = ? AND idx >= ? ORDER BY idx LIMIT ?", level, after, Self.chunk)
                .map { let index = try $0.integer(0); return (index, StoredNode(index: index, hash: try $0.optionalBlob(1) ?? [])) }
        }
    }

    func nodeSpan(level: Int) throws -> (count: Int, first: Int64)? {
        guard let row = try sql.row("SELECT COUNT(*), MIN(idx) FROM log_node WHERE level = ?", level),
              let first = try row.optionalInteger(1)
        else { return nil }
        return (try row.int(0), first)
    }
}

/// A walk along a key in chunks: each chunk is the rows from a key on, at most a limit of them;
/// the next starts one past the last key read.
struct ChunkedCursor<Element>: StoreCursor {
    private let fetch: (Int64) throws -> [(key: Int64, value: Element)]
    private var buffer: IndexingIterator<[(key: Int64, value: Element)]> = [].makeIterator()
    private var from: Int64?

    init(from first: Int64, fetch: @escaping (Int64) throws -> [(key: Int64, value: Element)]) {
        self.fetch = fetch
        from = first
    }

    mutating func next() throws -> Element? {
        if let row = buffer.next() { return row.value }
        guard let key = from else { return nil }
        let rows = try fetch(key)
        from = rows.count < SessionLog.chunk ? nil : rows.last.map { $0.key + 1 }
        buffer = rows.makeIterator()
        return buffer.next()?.value
    }
}
