import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization
import WardenCore

/// A PostgreSQL database reached through postgres-nio's pool of connections (`PostgresClient`),
/// whose transactions run synchronously on threads of the engine's own.
///
/// The rules above the engines are synchronous Swift over ledger protocols: on SQLite they run
/// inside GRDB's transactions. Here a transaction leases a connection, moves to one of the
/// engine's threads, and runs `BEGIN`, the rules' statements and `COMMIT` there, each
/// statement waiting for the server's answer (``PostgresSession``). No event loop and no task
/// of Swift's cooperative pool ever waits on the server; there are as many threads as
/// connections, so every leased connection can be busy at once.
///
/// The pool runs (`PostgresClient.run()`) from ``open(_:connections:)`` until ``close()``.
final class PostgresEngine: Sendable {
    let location: PostgresLocation
    private let client: PostgresClient
    private let threads: NIOThreadPool
    private let running: Task<Void, Never>
    private let reads = Atomic<Int>(0)
    private let writes = Atomic<Int>(0)
    private let closed = Atomic<Bool>(false)
    /// Whether this server is the log's sequencer.
    let election: SequencerElection
    /// postgres-nio's own messages: warnings and worse only, and never a query's values (its
    /// errors describe themselves without them).
    let logger: Logger

    private init(_ location: PostgresLocation, connections: Int) throws(StoreError) {
        self.location = location
        election = SequencerElection(location: location)
        var logger = Logger(label: "warden.postgres")
        logger.logLevel = .warning
        self.logger = logger
        let tls = try Self.tlsConfiguration(location)
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: tls.map { .require($0) } ?? .disable)
        configuration.options.maximumConnections = connections
        configuration.options.connectTimeout = .seconds(5)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        threads = NIOThreadPool(numberOfThreads: connections)
        threads.start()
        running = Task { await client.run() }
    }

    /// Opens the pool without touching the schema: for administration (creating a database).
    /// One connection of its own is made and closed, so a server that is not there or refuses
    /// the credentials is reported at once and precisely, not after the pool's retries.
    ///
    /// The pool starts running first, so it is running (not merely about to) by the time the
    /// probe has answered and the first transaction asks it for a connection.
    static func connect(_ location: PostgresLocation, connections: Int = 20) async throws -> PostgresEngine {
        let engine = try PostgresEngine(location, connections: connections)
        do {
            try await probe(location)
        } catch {
            await engine.close()
            throw error
        }
        return engine
    }

    /// Opens the pool and brings the schema up to date (``PostgresSchema``), one server at a
    /// time when several start together.
    static func open(_ location: PostgresLocation, connections: Int = 20) async throws -> PostgresEngine {
        let engine = try await connect(location, connections: connections)
        do {
            try await engine.migrate()
        } catch {
            await engine.close()
            throw error
        }
        return engine
    }

    /// Stops the pool and the engine's threads; every transaction must have finished.
    func close() async {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        await election.resign()
        running.cancel()
        await running.value
        try? await threads.shutdownGracefully()
    }

    /// An engine nobody closed (a test's, a command that ended by throwing) still lets go of its
    /// connections and threads when the last reference goes.
    deinit {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        Task { [election] in await election.resign() }
        running.cancel()
        threads.shutdownGracefully { _ in }
    }

    /// Runs `body` in one transaction on a leased connection, committing what it did unless it
    /// throws. A failure of the server or the connection becomes a ``StoreError`` that says
    /// what happened without any value the statements carried.
    ///
    /// A read-only transaction reads one snapshot throughout (repeatable read), as a SQLite
    /// read transaction does: verification compares the log, the versions and the records
    /// within one moment.
    func transaction<T: Sendable>(readOnly: Bool = false, _ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        if readOnly { reads.add(1, ordering: .relaxed) } else { writes.add(1, ordering: .relaxed) }
        return try await session { session in
            try session.execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
            do {
                let value = try body(session)
                try session.execute("COMMIT")
                return value
            } catch {
                try? session.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// The read and write transactions run so far.
    var transactions: TransactionCounts {
        TransactionCounts(reads: reads.load(ordering: .relaxed), writes: writes.load(ordering: .relaxed))
    }

    /// Runs `body` in one transaction on a leased connection, on the calling thread rather
    /// than the engine's: an import reads its lines from a file reader that cannot cross
    /// threads. Commits only when the body says so.
    func transactionHere<T>(_ body: (PostgresSession) throws -> (T, commit: Bool)) async throws -> T {
        writes.add(1, ordering: .relaxed)
        let logger = logger
        do {
            return try await client.withConnection { connection in
                let session = PostgresSession(connection: connection, logger: logger)
                try session.execute("BEGIN")
                do {
                    let (value, commit) = try body(session)
                    try session.execute(commit ? "COMMIT" : "ROLLBACK")
                    return value
                } catch {
                    try? session.execute("ROLLBACK")
                    throw error
                }
            }
        } catch let error as PSQLError {
            throw Self.storeError(error)
        }
    }

    /// Runs `body` on a leased connection outside any transaction: each statement commits on
    /// its own (what `CREATE DATABASE` needs). Failures are mapped as for ``transaction(readOnly:_:)``.
    func session<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        let logger = logger
        let threads = threads
        do {
            return try await client.withConnection { connection in
                try await threads.runIfActive { try body(PostgresSession(connection: connection, logger: logger)) }
            }
        } catch let error as PSQLError {
            throw Self.storeError(error)
        }
    }

    /// What the store says of a server or connection failure. Constraint violations name the
    /// constraint (ours, never data); anything else says only that the server failed.
    static func storeError(_ error: PSQLError) -> StoreError {
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            let constraint = error.serverInfo?[.constraintName].map { " (\($0))" } ?? ""
            switch state {
            case "23505": return .conflict("already stored\(constraint)")
            case "23503": return .invalid("refers to something not stored\(constraint)")
            case "23514", "23502": return .invalid("not allowed by the schema\(constraint)")
            case "40001", "40P01": return .conflict("a concurrent write got there first; try again")
            case "28P01", "28000": return .unavailable("the database server refused the credentials")
            case "3D000": return .unavailable("the database server has no such database")
            default: return .unavailable("the database server refused a statement (SQLSTATE \(state))")
            }
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown:
            return .unavailable("the database server is not reachable")
        case .authMechanismRequiresPassword, .saslError, .unsupportedAuthMechanism:
            return .unavailable("the database server refused the credentials")
        case .sslUnsupported, .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return .unavailable("the database server did not set up TLS as asked")
        default:
            return .unavailable("the database connection failed (\(error.code))")
        }
    }

    /// Makes one connection to `location` and closes it.
    static func probe(_ location: PostgresLocation) async throws {
        let connection = try await dedicatedConnection(location)
        try? await connection.close()
    }

    /// One connection of its own, outside the pool: for the probe, and for the sequencer's
    /// election, whose lock lives exactly as long as the connection holding it.
    static func dedicatedConnection(_ location: PostgresLocation) async throws -> PostgresConnection {
        let tls = try tlsConfiguration(location)
        var logger = Logger(label: "warden.postgres")
        logger.logLevel = .warning
        do {
            return try await PostgresConnection.connect(
                configuration: .init(host: location.host, port: location.port, username: location.username, password: location.password,
                                     database: location.database, tls: try tls.map { .require(try NIOSSLContext(configuration: $0)) } ?? .disable),
                id: 0, logger: logger)
        } catch let error as PSQLError {
            throw storeError(error)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unavailable("the database connection could not be set up (\(type(of: error)))")
        }
    }

    /// The TLS the location asks for; `nil` for none.
    static func tlsConfiguration(_ location: PostgresLocation) throws(StoreError) -> TLSConfiguration? {
        switch location.tls {
        case .disable:
            return nil
        case .require:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            return configuration
        case .verifyFull:
            var configuration = TLSConfiguration.makeClientConfiguration()
            if let path = location.rootCertificatePath {
                do {
                    configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
                } catch {
                    throw .invalid("\(path): cannot read the certificate authorities (sslrootcert)")
                }
            }
            return configuration
        }
    }
}

extension PostgresEngine: SQLEngine {
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await transaction(readOnly: true) { try body($0) }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await transaction { try body($0) }
    }
}
