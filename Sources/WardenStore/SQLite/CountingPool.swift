import GRDB
import Synchronization
import WardenCore

/// The database pool as the store uses it, counting each transaction it is asked for
/// (``TransactionCounts``). Forwards to GRDB unchanged.
final class CountingPool: Sendable {
    let base: DatabasePool
    private let reads = Atomic<Int>(0)
    private let writes = Atomic<Int>(0)

    init(_ base: DatabasePool) {
        self.base = base
    }

    var counts: TransactionCounts {
        TransactionCounts(reads: reads.load(ordering: .relaxed), writes: writes.load(ordering: .relaxed))
    }

    /// Counts one write unit (a group-committed write is counted by ``GroupCommit``).
    func countWrite() {
        writes.add(1, ordering: .relaxed)
    }

    func read<T: Sendable>(_ value: @Sendable (Database) throws -> T) async throws -> T {
        reads.add(1, ordering: .relaxed)
        return try await base.read(value)
    }

    func write<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        countWrite()
        return try await base.write(updates)
    }

    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        countWrite()
        return try base.write(updates)
    }

    func writeWithoutTransaction<T>(_ updates: (Database) throws -> T) throws -> T {
        countWrite()
        return try base.writeWithoutTransaction(updates)
    }
}
