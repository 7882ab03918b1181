import Foundation
import GRDB
import TransparencyLog

/// The stored interior nodes (`log_node`), read once beside the tree verification recomputes,
/// so that a node replaced, deleted or planted at any level is found.
///
/// The recomputed tree completes the nodes of each level in index order, so each stored level
/// is read by its own cursor in primary-key order (no sort, one pass over the table in all),
/// and every completed node is matched to the stored node with its level and index.
struct StoredNodes {
    /// What the stored tree says about one completed node.
    enum Comparison {
        /// Stored and equal, or not stored because it lies beyond the integrated tree.
        case agrees
        /// Stored, and different from the node recomputed from the entries.
        case differs
        /// Not stored, though the integrated tree covers it.
        case missing
        /// The recomputed node is unknown (entries beneath it are missing): the stored hash
        /// stands in for it, to be checked against the signed checkpoints above.
        case standsIn([UInt8])
    }

    /// A stored node Warden would never have written.
    struct Stray {
        var level: Int
        var index: Int64
        var count: Int
    }

    /// How many leaves the stored nodes are meant to cover (`setting.log_size`).
    let integratedSize: UInt64
    private let db: Database
    private var cursors: [Int: RowCursor] = [:]
    private var pending: [Int: (index: Int64, hash: [UInt8])] = [:]
    /// Whole levels Warden does not store (not a positive multiple of the step), each found once.
    private(set) var strayLevels: [Stray] = []

    init(_ db: Database, integratedSize: UInt64) throws {
        self.integratedSize = integratedSize
        self.db = db
        // The distinct levels, each found by one seek in the (level, idx) key.
        var level = try Int.fetchOne(db, sql: "SELECT MIN(level) FROM log_node")
        while let current = level {
            if current > 0, current < 64, current % LogTree.nodeLevelStep == 0 {
                cursors[current] = try Row.fetchCursor(db, sql: "SELECT idx, hash FROM log_node WHERE level = ? ORDER BY idx", arguments: [current])
            } else if let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), MIN(idx) FROM log_node WHERE level = ?", arguments: [current]) {
                strayLevels.append(Stray(level: current, index: row[1], count: row[0]))
            }
            level = try Int.fetchOne(db, sql: "SELECT MIN(level) FROM log_node WHERE level > ?", arguments: [current])
        }
    }

    /// Compares the completed node `(level, index)` with its stored counterpart. Stored nodes
    /// of that level before `index` were passed over inside missing entries and are skipped;
    /// those with a negative index are reported through `stray`.
    mutating func compare(level: Int, index: UInt64, computed: [UInt8]?, stray: (Stray) -> Void) throws -> Comparison {
        guard level % LogTree.nodeLevelStep == 0 else { return .agrees }
        var stored: [UInt8]?
        while let next = try peek(level), next.index <= Int64(index) {
            pending[level] = nil
            if next.index < 0 { stray(Stray(level: level, index: next.index, count: 1)) }
            if next.index == Int64(index) { stored = next.hash }
        }
        guard let stored else {
            let end = (index + 1) << UInt64(level)
            return end <= integratedSize ? .missing : .agrees
        }
        guard let computed else { return stored.count == 32 ? .standsIn(stored) : .differs }
        return computed == stored ? .agrees : .differs
    }

    /// Whether the stored node `(level, index)` is the hash of the stored nodes one step
    /// below it; `nil` when some of those are not stored. Asked only of a node that differs
    /// from the recomputed tree, to tell a node replaced (it no longer fits the nodes beneath
    /// it) from one that differs because the entries, and the nodes beneath, differ too.
    func agreesWithNodesBelow(level: Int, index: UInt64) throws -> Bool? {
        let below = level - LogTree.nodeLevelStep
        guard below > 0, let stored = try Data.fetchOne(
            db.cachedStatement(sql: "SELECT hash FROM log_node WHERE level = ? AND idx = ?"), arguments: [level, Int64(index)])
        else { return nil }
        let count = UInt64(1) << UInt64(LogTree.nodeLevelStep)
        var hashes = try Data.fetchAll(
            db.cachedStatement(sql: "SELECT hash FROM log_node WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx"),
            arguments: [below, Int64(index * count), Int64((index + 1) * count)]).map { Array($0) }
        guard UInt64(hashes.count) == count else { return nil }
        while hashes.count > 1 {
            hashes = Swift.stride(from: 0, to: hashes.count, by: 2).map { MerkleTree.nodeHash(hashes[$0], hashes[$0 + 1]) }
        }
        return hashes.first == Array(stored)
    }

    /// Stored nodes past the end of the recomputed tree, after the last entry: one per level,
    /// with how many there are and the first index.
    mutating func beyond() throws -> [Stray] {
        var strays: [Stray] = []
        for level in cursors.keys.sorted() {
            var first: Int64?
            var count = 0
            while let next = try peek(level) {
                pending[level] = nil
                first = first ?? next.index
                count += 1
            }
            if let first { strays.append(Stray(level: level, index: first, count: count)) }
        }
        return strays
    }

    private mutating func peek(_ level: Int) throws -> (index: Int64, hash: [UInt8])? {
        if let next = pending[level] { return next }
        guard let row = try cursors[level]?.next() else { return nil }
        let next = (index: row[0] as Int64, hash: Array(row[1] as Data? ?? Data()))
        pending[level] = next
        return next
    }
}
