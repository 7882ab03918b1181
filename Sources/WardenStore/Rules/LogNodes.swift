/// What the audit log's Merkle tree needs from an engine: the entries by leaf index, the
/// stored interior nodes by level and index, and how many leaves those nodes cover. Typed
/// primitive reads and writes, no rules: ``LogTree`` integrates, hashes and proves over them,
/// and ``StoredNodes`` reads them beside verification. Each engine implements this once.
protocol LogNodes {
    associatedtype Entries: StoreCursor<[UInt8]>
    associatedtype Level: StoreCursor<StoredNode>

    /// The number of entries: one past the largest leaf index (0 for an empty log).
    func entryCount() throws -> UInt64
    /// The entry bytes of the leaves in `leaves` that exist, in leaf order.
    func entries(_ leaves: Range<UInt64>) throws -> [[UInt8]]
    /// The entry bytes of every leaf from `first` on, in leaf order.
    func entries(from first: UInt64) throws -> Entries

    /// How many leaves the stored nodes cover (0 before the first integration).
    func integratedSize() throws -> UInt64
    /// Records how many leaves the stored nodes now cover.
    func setIntegratedSize(_ size: UInt64) throws

    /// The stored node at `level`, `index`, if there is one.
    func node(level: Int, index: UInt64) throws -> [UInt8]?
    /// The stored nodes of `level` whose indices lie in `indices`, in index order.
    func nodes(level: Int, _ indices: Range<UInt64>) throws -> [[UInt8]]
    /// Stores (or replaces) the node at `level`, `index`.
    func storeNode(level: Int, index: UInt64, hash: [UInt8]) throws

    /// The distinct levels that hold stored nodes, in ascending order, whatever they are.
    func nodeLevels() throws -> [Int]
    /// Every stored node of `level`, in index order.
    func nodes(level: Int) throws -> Level
    /// How many nodes `level` holds and its smallest index (`nil` when it holds none).
    func nodeSpan(level: Int) throws -> (count: Int, first: Int64)?
}

/// A stored interior node as read back, index and hash as they are (an index may be negative
/// and a hash any length, when someone planted it).
struct StoredNode {
    var index: Int64
    var hash: [UInt8]
}
