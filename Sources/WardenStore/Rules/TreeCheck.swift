import TransparencyLog
import WardenCore

/// Part 1 of ``Verification``: the log's tree recomputed from its entries in one pass, checked
/// against every stored node (every level) and the root of every signed checkpoint.
///
/// Findings go to a ``ReportFinding`` callback, so ``LogVerification`` counts and caps them.
struct TreeCheck<Nodes: LogNodes> {
    private var edge = TreeEdge()
    private let nodes: NodeCheck<Nodes>
    private var pending: ArraySlice<TrustedCheckpoint>
    /// The largest checkpoint whose root was compared with the recomputed tree.
    private(set) var checkpointSize = 0

    /// `checkpoints` sorted by size.
    init(stored: StoredNodes<Nodes>, checkpoints: [TrustedCheckpoint]) {
        nodes = NodeCheck(stored)
        pending = checkpoints[...]
    }

    /// Appends the next entry's leaf.
    mutating func append(leafHash: [UInt8], report: ReportFinding) throws {
        let nodes = nodes
        try edge.append(leafHash: leafHash) { level, index, hash in try nodes.completed(level, index, hash, report) }
        checkCheckpoints(report)
    }

    /// Appends unknown leaves for missing entries until the tree has `size` leaves, in aligned
    /// blocks (so a renumbering far ahead costs O(log) steps) that stop at every checkpoint size.
    mutating func appendMissing(upTo size: UInt64, report: ReportFinding) throws {
        let nodes = nodes
        while edge.size < size {
            var limit = size
            if let next = pending.first.map({ UInt64($0.size) }), next > edge.size, next < limit { limit = next }
            var level = 63 - (limit - edge.size).leadingZeroBitCount
            while level > 0, edge.size % (UInt64(1) << UInt64(level)) != 0 { level -= 1 }
            try edge.append(level: level, hash: nil) { level, index, hash in try nodes.completed(level, index, hash, report) }
            checkCheckpoints(report)
        }
    }

    /// After the last entry: checkpoints larger than the log, and stored nodes it never reached.
    mutating func finish(report: ReportFinding) throws {
        for checkpoint in pending {
            report("truncated", "audit log: a signed checkpoint from \(checkpoint.source) covers \(checkpoint.size) entries but the log has \(edge.size) (entries deleted)")
        }
        pending = []
        try nodes.finish(size: edge.size, report)
    }

    private mutating func checkCheckpoints(_ report: ReportFinding) {
        while let checkpoint = pending.first, UInt64(checkpoint.size) <= edge.size {
            pending.removeFirst()
            guard UInt64(checkpoint.size) == edge.size, let root = edge.root else {
                report("unchecked checkpoints", "audit log: the signed checkpoint from \(checkpoint.source) over the first \(checkpoint.size) entries cannot be checked: entries beneath it are missing and no stored node stands in for them")
                continue
            }
            if root != checkpoint.rootHash {
                report("checkpoint mismatch", "audit log: the first \(checkpoint.size) entries do not match the signed checkpoint from \(checkpoint.source) (history rewritten)")
            }
            checkpointSize = max(checkpointSize, checkpoint.size)
        }
    }
}

/// Each completed node against the stored one. A reference type so that the tree's
/// completion callback can use it while the edge is being appended to.
private final class NodeCheck<Nodes: LogNodes> {
    private var stored: StoredNodes<Nodes>

    init(_ stored: StoredNodes<Nodes>) {
        self.stored = stored
    }

    /// The hash to carry upward instead of `hash`, if any (a stored node standing in for an
    /// unknown one).
    func completed(_ level: Int, _ index: UInt64, _ hash: [UInt8]?, _ report: ReportFinding) throws -> [UInt8]? {
        guard level % LogTree.nodeLevelStep == 0 else { return nil }  // not a stored level: nothing to compare
        let comparison = try stored.compare(level: level, index: index, computed: hash) { stray in Self.report(stray, report) }
        var entries: String { "entries \((index << UInt64(level)) + 1)–\((index + 1) << UInt64(level))" }
        switch comparison {
        case .agrees:
            return nil
        case .standsIn(let stored):
            return stored
        case .missing:
            report("missing tree nodes", "audit log: the stored tree node at level \(level), index \(index) (\(entries)) is missing (deleted)")
            return nil
        case .differs:
            // The lowest stored nodes are checked against the entries themselves. A node above
            // them that still fits the stored nodes beneath it differs because they do (the
            // entries changed, and are named there); one that does not fit was replaced.
            if level == LogTree.nodeLevelStep {
                report("altered entries", "audit log: \(entries) differ from the log as it was when they were added (altered, swapped or replaced)")
            } else if try stored.agreesWithNodesBelow(level: level, index: index) != true {
                report("altered tree nodes", "audit log: the stored tree node at level \(level), index \(index) (\(entries)) does not match the entries beneath it (node replaced)")
            }
            return nil
        }
    }

    func finish(size: UInt64, _ report: ReportFinding) throws {
        for stray in stored.strayLevels { Self.report(stray, report) }
        for stray in try stored.beyond() {
            report("planted tree nodes", "audit log: \(stray.count) stored tree node(s) at level \(stray.level) from index \(stray.index) lie beyond the log's \(size) entries (entries deleted from its end, or nodes planted)")
        }
    }

    private static func report(_ stray: StrayNodes, _ report: ReportFinding) {
        report("planted tree nodes", "audit log: \(stray.count) stored tree node(s) at level \(stray.level) from index \(stray.index), where Warden stores none (planted)")
    }
}
