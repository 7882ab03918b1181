import Dispatch

/// A task executor on a Dispatch queue, whose threads are not Swift's cooperative pool's.
///
/// postgres-nio's prepared statements and `COPY … FROM STDIN` are asynchronous only, and a
/// ``PostgresSession`` waits for each statement on the thread it runs on, which may be one of
/// the cooperative pool's few threads (an import runs on its caller). A task queued behind it
/// on that same pool could then never start; on these threads it always can.
final class DispatchTaskExecutor: TaskExecutor {
    static let shared = DispatchTaskExecutor()
    private let queue = DispatchQueue(label: "warden.postgres.statements", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
