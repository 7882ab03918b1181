import Foundation
import GRDB
import TransparencyLog

/// The audit log's Merkle tree as stored: leaves are the `entry` bytes of `audit_event`
/// rows in `leaf` order, interior nodes at every fourth level are kept in
/// `log_node`, and `setting.log_size` says how many leaves those nodes cover.
///
/// Appending an entry only inserts its row, so writes stay cheap; ``integrate(_:)`` (run
/// before each checkpoint) adds the nodes the new leaves completed. Any subtree hash then
/// takes at most eight lookups, so proofs are O(log n) reads.
enum LogTree {
    static let nodeLevelStep = 4

    /// The number of entries in the log.
    static func entryCount(_ db: Database) throws -> UInt64 {
        UInt64(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(leaf) + 1, 0) FROM audit_event") ?? 0)
    }

    /// How many leaves the stored nodes cover.
    static func integratedSize(_ db: Database) throws -> UInt64 {
        UInt64(try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'log_size'").flatMap(Int64.init) ?? 0)
    }

    /// Leaf hashes of entries `range` (leaf indices).
    static func leafHashes(_ range: Range<UInt64>, _ db: Database) throws -> [[UInt8]] {
        let rows = try Data.fetchAll(db.cachedStatement(sql: "SELECT entry FROM audit_event WHERE leaf >= ? AND leaf < ? ORDER BY leaf"),
                                     arguments: [Int64(range.lowerBound), Int64(range.upperBound)])
        guard UInt64(rows.count) == range.upperBound - range.lowerBound else {
            throw MerkleError.leafCountMismatch(requested: range.upperBound - range.lowerBound, returned: rows.count)
        }
        return rows.map { MerkleTree.leafHash(Array($0)) }
    }

    /// The root of leaves `[index·2^level, (index+1)·2^level)`, all integrated or all present.
    static func block(level: Int, index: UInt64, _ db: Database) throws -> [UInt8] {
        let below = level - level % nodeLevelStep
        if below == level, level > 0 {
            guard let stored = try Data.fetchOne(db.cachedStatement(sql: "SELECT hash FROM log_node WHERE level = ? AND idx = ?"),
                                                 arguments: [level, Int64(index)])
            else { throw MerkleError.leafCountMismatch(requested: 1, returned: 0) }
            return Array(stored)
        }
        let count = UInt64(1) << UInt64(level - below)
        let first = index * count
        var hashes: [[UInt8]]
        if below == 0 {
            hashes = try leafHashes(first..<(first + count), db)
        } else {
            hashes = try Data.fetchAll(db.cachedStatement(sql: "SELECT hash FROM log_node WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx"),
                                       arguments: [below, Int64(first), Int64(first + count)]).map { Array($0) }
            guard UInt64(hashes.count) == count else {
                throw MerkleError.leafCountMismatch(requested: count, returned: hashes.count)
            }
        }
        while hashes.count > 1 {
            hashes = Swift.stride(from: 0, to: hashes.count, by: 2).map { MerkleTree.nodeHash(hashes[$0], hashes[$0 + 1]) }
        }
        return hashes[0]
    }

    /// `MTH` of the leaves in `range`, from the largest aligned blocks inside it. Correct for
    /// the ranges RFC 9162 proofs and roots use, which start at a multiple of their largest block.
    static func subtreeHash(_ range: Range<UInt64>, _ db: Database) throws -> [UInt8] {
        guard !range.isEmpty else { return MerkleTree.emptyRoot }
        var blocks: [[UInt8]] = []
        var start = range.lowerBound
        while start < range.upperBound {
            var level = 63 - (range.upperBound - start).leadingZeroBitCount
            while start % (UInt64(1) << UInt64(level)) != 0 { level -= 1 }
            blocks.append(try block(level: level, index: start >> UInt64(level), db))
            start += UInt64(1) << UInt64(level)
        }
        return fold(blocks)
    }

    /// Right-to-left fold of a compact range's hashes into a root.
    static func fold(_ blocks: [[UInt8]]) -> [UInt8] {
        guard var root = blocks.last else { return MerkleTree.emptyRoot }
        for hash in blocks.dropLast().reversed() { root = MerkleTree.nodeHash(hash, root) }
        return root
    }

    static func proofs(_ db: Database) -> MerkleProofBuilder {
        MerkleProofBuilder(subtreeHash: { range in try subtreeHash(range, db) })
    }

    /// Adds the nodes completed by entries appended since the last integration; returns the
    /// new size and root.
    static func integrate(_ db: Database) throws -> (size: UInt64, root: [UInt8]) {
        let integrated = try integratedSize(db)
        let count = try entryCount(db)
        // The right edge of the integrated tree: one subtree root per set bit of its size.
        var nodes: [(level: Int, hash: [UInt8]?)] = []
        var offset: UInt64 = 0
        for level in stride(from: 63, through: 0, by: -1) where integrated & (UInt64(1) << UInt64(level)) != 0 {
            nodes.append((level, try block(level: level, index: offset >> UInt64(level), db)))
            offset += UInt64(1) << UInt64(level)
        }
        var edge = TreeEdge(size: integrated, nodes: nodes)
        guard count > integrated else { return (integrated, try known(edge.root)) }
        let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO log_node (level, idx, hash) VALUES (?, ?, ?)")
        let entries = try Data.fetchCursor(db, sql: "SELECT entry FROM audit_event WHERE leaf >= ? ORDER BY leaf", arguments: [Int64(integrated)])
        while let entry = try entries.next() {
            try edge.append(leafHash: MerkleTree.leafHash(Array(entry))) { level, index, hash in
                if level % nodeLevelStep == 0 { try insert.execute(arguments: [level, Int64(index), Data(try known(hash))]) }
                return nil
            }
        }
        try db.execute(sql: """
            INSERT INTO setting (key, value) VALUES ('log_size', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, arguments: [String(edge.size)])
        return (edge.size, try known(edge.root))
    }

    /// Integration hashes only entries it has read, so every hash is known; `nil` would be a
    /// programming error, reported rather than stored.
    private static func known(_ hash: [UInt8]?) throws -> [UInt8] {
        guard let hash else { throw MerkleError.leafCountMismatch(requested: 1, returned: 0) }
        return hash
    }
}
