import Logging
import PostgresNIO

/// One leased connection inside a transaction, used synchronously from an engine thread
/// (``PostgresEngine``): each statement waits for the server's answer.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger

    /// Sends `query` (its values bound, never spliced into the text) and returns what the
    /// server answered. The store's statements go through ``SQLSession`` instead.
    @discardableResult
    func send(_ query: PostgresQuery) throws -> PostgresQueryResult {
        precondition(!connection.eventLoop.inEventLoop, "a PostgreSQL session waits for the server: never on an event loop")
        return try connection.query(query, logger: logger).wait()
    }

    /// Runs a script of several statements (the schema's steps), one at a time: the extended
    /// protocol takes one statement per message.
    func run(script: String) throws {
        for statement in PostgresScript.statements(in: script) {
            try send(PostgresQuery(unsafeSQL: statement))
        }
    }
}
