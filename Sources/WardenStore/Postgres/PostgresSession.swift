import Dispatch
import Logging
import PostgresNIO
import Synchronization

/// One leased connection inside a transaction, used synchronously from an engine thread
/// (``PostgresEngine``): each statement waits for the server's answer.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger

    /// Sends `query` unnamed (its values bound, never spliced into the text) and returns what
    /// the server answered. The store's statements go through ``SQLSession`` instead.
    @discardableResult
    func send(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try waitForAnswer { answer in connection.query(query, logger: logger).whenComplete(answer) }
    }

    /// Runs `operation` (the statement's whole exchange with the server) as a task and waits
    /// for its answer. The task runs on ``DispatchTaskExecutor``'s threads: the waiting thread
    /// may be one of Swift's cooperative pool (an import runs on its caller), and a task queued
    /// behind it there might never start.
    func waitFor<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
        try waitForAnswer { answer in
            Task(executorPreference: DispatchTaskExecutor.shared) {
                do { answer(.success(try await operation())) } catch { answer(.failure(error)) }
            }
        }
    }

    /// Starts a statement with `start`, which calls its argument once with the answer, and
    /// waits for that answer on this (engine) thread.
    ///
    /// The wait also ends when the connection does: a server stopping while a transaction is
    /// open may close the connection without answering the statement sent just before, and a
    /// request would then wait forever. The connection is looked at every ``closedCheck``.
    private func waitForAnswer<T: Sendable>(_ start: (@escaping @Sendable (Result<T, any Error>) -> Void) -> Void) throws -> T {
        precondition(!connection.eventLoop.inEventLoop, "a PostgreSQL session waits for the server: never on an event loop")
        let answered = DispatchSemaphore(value: 0)
        let answer = Mutex<Result<T, any Error>?>(nil)
        start { result in
            answer.withLock { $0 = result }
            answered.signal()
        }
        while answered.wait(timeout: .now() + Self.closedCheck) == .timedOut {
            if connection.isClosed, answered.wait(timeout: .now()) == .timedOut { throw PostgresEngine.away }
        }
        return try answer.withLock { $0! }.get()
    }

    /// How often a statement's wait looks at whether its connection has closed.
    static let closedCheck: DispatchTimeInterval = .milliseconds(500)

    /// Runs a script of several statements (the schema's steps), one at a time: the extended
    /// protocol takes one statement per message.
    func run(script: String) throws {
        for statement in PostgresScript.statements(in: script) {
            try send(PostgresQuery(unsafeSQL: statement))
        }
    }
}
