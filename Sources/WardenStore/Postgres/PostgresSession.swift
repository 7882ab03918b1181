import Dispatch
import Logging
import PostgresNIO
import Synchronization

/// One leased connection inside a transaction, used synchronously from an engine thread
/// (``PostgresEngine``): each statement waits for the server's answer.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger

    /// Sends `query` (its values bound, never spliced into the text) and returns what the
    /// server answered. The store's statements go through ``SQLSession`` instead.
    ///
    /// The wait also ends when the connection does: a server stopping while a transaction is
    /// open may close the connection without answering the statement sent just before, and a
    /// request would then wait forever. The connection is looked at every ``closedCheck``.
    @discardableResult
    func send(_ query: PostgresQuery) throws -> PostgresQueryResult {
        precondition(!connection.eventLoop.inEventLoop, "a PostgreSQL session waits for the server: never on an event loop")
        let answered = DispatchSemaphore(value: 0)
        let answer = Mutex<Result<PostgresQueryResult, any Error>?>(nil)
        connection.query(query, logger: logger).whenComplete { result in
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
