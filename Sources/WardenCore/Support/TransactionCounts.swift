/// How many transactions a store has run since it opened, by kind: the measure of "one unit
/// of work per request" (a request resolves its session in one read and does its work in at
/// most one group-committed write), checked by tests and served on `/metrics`.
public struct TransactionCounts: Sendable, Hashable {
    /// Read transactions.
    public var reads: Int
    /// Write transactions a caller asked for; group-committed writes count one each, though
    /// several share a commit.
    public var writes: Int

    public init(reads: Int, writes: Int) {
        self.reads = reads
        self.writes = writes
    }

    public static func - (after: TransactionCounts, before: TransactionCounts) -> TransactionCounts {
        TransactionCounts(reads: after.reads - before.reads, writes: after.writes - before.writes)
    }
}
