/// The stored interior nodes, read once beside the tree verification recomputes, so that a
/// node replaced, deleted or planted at any level is found.
///
/// The recomputed tree completes the nodes of each level in index order, so each stored level
/// is read by its own cursor in index order (one pass over the stored nodes in all), and
/// every completed node is matched to the stored node with its level and index.
struct StoredNodes<Nodes: LogNodes> {
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

    /// How many leaves the stored nodes are meant to cover.
    let integratedSize: UInt64
    private let nodes: Nodes
    private var cursors: [Int: Nodes.Level] = [:]
    private var pending: [Int: StoredNode] = [:]
    /// Whole levels Warden does not store (not a positive multiple of the step), each found once.
    private(set) var strayLevels: [StrayNodes] = []

    init(_ nodes: Nodes) throws {
        self.nodes = nodes
        integratedSize = try nodes.integratedSize()
        for level in try nodes.nodeLevels() {
            if level > 0, level < 64, level % LogTree.nodeLevelStep == 0 {
                cursors[level] = try nodes.nodes(level: level)
            } else if let span = try nodes.nodeSpan(level: level) {
                strayLevels.append(StrayNodes(level: level, index: span.first, count: span.count))
            }
        }
    }

    /// Compares the completed node `(level, index)` with its stored counterpart. Stored nodes
    /// of that level before `index` were passed over inside missing entries and are skipped;
    /// those with a negative index are reported through `stray`.
    mutating func compare(level: Int, index: UInt64, computed: [UInt8]?, stray: (StrayNodes) -> Void) throws -> Comparison {
        guard level % LogTree.nodeLevelStep == 0 else { return .agrees }
        var stored: [UInt8]?
        while let next = try peek(level), next.index <= Int64(index) {
            pending[level] = nil
            if next.index < 0 { stray(StrayNodes(level: level, index: next.index, count: 1)) }
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
        guard below > 0, let stored = try nodes.node(level: level, index: index) else { return nil }
        let count = UInt64(1) << UInt64(LogTree.nodeLevelStep)
        let hashes = try nodes.nodes(level: below, (index * count)..<((index + 1) * count))
        guard UInt64(hashes.count) == count else { return nil }
        return LogTree.merge(hashes) == stored
    }

    /// Stored nodes past the end of the recomputed tree, after the last entry: one per level,
    /// with how many there are and the first index.
    mutating func beyond() throws -> [StrayNodes] {
        var strays: [StrayNodes] = []
        for level in cursors.keys.sorted() {
            var first: Int64?
            var count = 0
            while let next = try peek(level) {
                pending[level] = nil
                first = first ?? next.index
                count += 1
            }
            if let first { strays.append(StrayNodes(level: level, index: first, count: count)) }
        }
        return strays
    }

    private mutating func peek(_ level: Int) throws -> StoredNode? {
        if let next = pending[level] { return next }
        guard let next = try cursors[level]?.next() else { return nil }
        pending[level] = next
        return next
    }
}

/// Stored nodes Warden would never have written: `count` of them at `level`, from `index`.
struct StrayNodes {
    var level: Int
    var index: Int64
    var count: Int
}
