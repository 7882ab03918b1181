import Dispatch
import Synchronization

/// A task executor on Dispatch queues of its own, whose threads are not Swift's cooperative
/// pool's and cannot be taken up by work that blocks elsewhere.
///
/// postgres-nio's prepared statements and `COPY … FROM STDIN` are asynchronous only, and a
/// ``PostgresSession`` waits for each statement on the thread it runs on, which may be one of
/// the cooperative pool's few threads (an import runs on its caller). A task queued behind it
/// on that same pool could then never start. Nor may these tasks share Dispatch's global
/// concurrent pool, which on Linux has as many threads as cores: a few blocking waits anywhere
/// in the process (a test's semaphore) would starve every statement. Serial queues are given a
/// thread of their own whenever they have work, and these tasks never block (they only wait
/// for the server's answer), so a few of them, taken in turn, are enough.
final class DispatchTaskExecutor: TaskExecutor {
    static let shared = DispatchTaskExecutor()
    private let queues = (0..<4).map { DispatchQueue(label: "warden.postgres.statements.\($0)") }
    private let turn = Atomic<Int>(0)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let queue = queues[turn.add(1, ordering: .relaxed).newValue % queues.count]
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
