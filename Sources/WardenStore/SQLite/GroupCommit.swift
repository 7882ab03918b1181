import GRDB

/// Many small writes, one durable commit.
///
/// SQLite has one writer, and a durable commit costs an fsync (milliseconds on a busy
/// disk), so one commit per request caps a server at a few hundred requests a second.
/// Requests hand their write to this queue; one drainer runs everything queued so far in a
/// single transaction, each write in its own savepoint (so a failing write rolls back only
/// its own work), commits once, and only then answers each request. Every write is as
/// durable as on its own; the fsync is shared.
actor GroupCommit {
    private let pool: CountingPool
    private var queue: [Pending] = []
    private var draining = false

    private struct Pending: Sendable {
        /// Runs the caller's write in a savepoint, keeping its result or error; never throws.
        let write: @Sendable (Database) -> Void
        /// Answers the caller once the group has committed (`nil`) or failed to.
        let finish: @Sendable ((any Error)?) -> Void
    }

    /// The result of one write, set inside the transaction and read after the commit by the
    /// same drainer, which the `await` on the commit orders.
    private final class Box<T: Sendable>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }

    private struct NoResult: Error {}

    init(pool: CountingPool) {
        self.pool = pool
    }

    /// Runs `body` in the next group's transaction and returns its result after the commit.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        pool.countWrite()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let box = Box<T>()
            queue.append(Pending(
                write: { db in
                    do {
                        try db.inSavepoint {
                            box.result = .success(try body(db))
                            return .commit
                        }
                    } catch {
                        box.result = .failure(error)
                    }
                },
                finish: { commitError in
                    if let commitError {
                        continuation.resume(throwing: commitError)
                    } else {
                        continuation.resume(with: box.result ?? .failure(NoResult()))
                    }
                }))
            if !draining {
                draining = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !queue.isEmpty {
            let batch = queue
            queue.removeAll()
            do {
                try await pool.base.write { db in
                    for item in batch { item.write(db) }
                }
                for item in batch { item.finish(nil) }
            } catch {
                for item in batch { item.finish(error) }
            }
        }
        draining = false
    }
}
