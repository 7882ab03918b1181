import Foundation
import GRDB

/// The log's primitives as SQLite statements over one connection: the tree's (``LogNodes``)
/// here, verification's (``LogLedger``) beside. Leaves are `audit_event.leaf`, interior nodes
/// are `log_node` and the integrated size is `setting.log_size`.
struct SQLiteLog: LogNodes {
    let db: Database

    func entryCount() throws -> UInt64 {
        UInt64(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(leaf) + 1, 0) FROM audit_event") ?? 0)
    }

    func entries(_ leaves: Range<UInt64>) throws -> [[UInt8]] {
        try Data.fetchAll(db.cachedStatement(sql: "SELECT entry FROM audit_event WHERE leaf >= ? AND leaf < ? ORDER BY leaf"),
                          arguments: [Int64(leaves.lowerBound), Int64(leaves.upperBound)]).map { Array($0) }
    }

    func entries(from first: UInt64) throws -> SQLiteCursor<[UInt8]> {
        SQLiteCursor(try Row.fetchCursor(db, sql: "SELECT entry FROM audit_event WHERE leaf >= ? ORDER BY leaf",
                                         arguments: [Int64(first)])) { row in
            // The blob as SQLite holds it, copied once: integration reads every new entry.
            try row.withUnsafeData(atIndex: 0) { Array($0 ?? Data()) }
        }
    }

    func integratedSize() throws -> UInt64 {
        UInt64(try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'log_size'").flatMap(Int64.init) ?? 0)
    }

    func setIntegratedSize(_ size: UInt64) throws {
        try db.execute(sql: """
            INSERT INTO setting (key, value) VALUES ('log_size', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, arguments: [String(size)])
    }

    func node(level: Int, index: UInt64) throws -> [UInt8]? {
        try Data.fetchOne(db.cachedStatement(sql: "SELECT hash FROM log_node WHERE level = ? AND idx = ?"),
                          arguments: [level, Int64(index)]).map { Array($0) }
    }

    func nodes(level: Int, _ indices: Range<UInt64>) throws -> [[UInt8]] {
        try Data.fetchAll(db.cachedStatement(sql: "SELECT hash FROM log_node WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx"),
                          arguments: [level, Int64(indices.lowerBound), Int64(indices.upperBound)]).map { Array($0) }
    }

    func storeNode(level: Int, index: UInt64, hash: [UInt8]) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO log_node (level, idx, hash) VALUES (?, ?, ?)")
            .execute(arguments: [level, Int64(index), Data(hash)])
    }

    func nodeLevels() throws -> [Int] {
        // Each level found by one seek in the (level, idx) key, however many nodes it holds.
        var levels: [Int] = []
        var level = try Int.fetchOne(db, sql: "SELECT MIN(level) FROM log_node")
        while let current = level {
            levels.append(current)
            level = try Int.fetchOne(db, sql: "SELECT MIN(level) FROM log_node WHERE level > ?", arguments: [current])
        }
        return levels
    }

    func nodes(level: Int) throws -> SQLiteCursor<StoredNode> {
        SQLiteCursor(try Row.fetchCursor(db, sql: "SELECT idx, hash FROM log_node WHERE level = ? ORDER BY idx", arguments: [level])) { row in
            StoredNode(index: row[0], hash: Array(row[1] as Data? ?? Data()))
        }
    }

    func nodeSpan(level: Int) throws -> (count: Int, first: Int64)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), MIN(idx) FROM log_node WHERE level = ?", arguments: [level]),
              let first = row[1] as Int64?
        else { return nil }
        return (row[0], first)
    }
}
