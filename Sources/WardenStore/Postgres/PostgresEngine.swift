import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import _ConnectionPoolModule
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
    private let away = Atomic<Bool>(false)
    /// Whether this server is the log's sequencer.
    let election: SequencerElection
    /// When a write's versions are handled as sets (an import's); smaller in tests, to take
    /// those paths with fewer rows.
    let versionBatching: PostgresVersions.Batching
    /// Audit entries appended on their own, batched.
    let appends = PostgresAppendQueue()
    /// postgres-nio's own messages: warnings and worse only, and never a query's values (its
    /// errors describe themselves without them).
    let logger: Logger

    private init(_ location: PostgresLocation, connections: Int, versionBatching: PostgresVersions.Batching) throws(StoreError) {
        self.location = location
        self.versionBatching = versionBatching
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
    static func connect(_ location: PostgresLocation, connections: Int = 20,
                        versionBatching: PostgresVersions.Batching = .init()) async throws -> PostgresEngine {
        let engine = try PostgresEngine(location, connections: connections, versionBatching: versionBatching)
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
    static func open(_ location: PostgresLocation, connections: Int = 20,
                     versionBatching: PostgresVersions.Batching = .init()) async throws -> PostgresEngine {
        let engine = try await connect(location, connections: connections, versionBatching: versionBatching)
        do {
            try await engine.migrate()
        } catch {
            await engine.close()
            throw error
        }
        return engine
    }

    /// PostgreSQL keeps a deleted row's bytes in its page until the space is reused, and in
    /// its write-ahead log and archives; nothing short of rewriting the tables (`VACUUM FULL`,
    /// which locks them) removes them, so this says so rather than stopping the party's work.
    func scrubFreedSpace() async throws -> String? {
        "PostgreSQL keeps deleted rows' bytes in table pages until the space is reused, and in its write-ahead log "
            + "and archives until they are recycled; `VACUUM FULL` in a maintenance window rewrites the tables"
    }

    /// Stops the pool and the engine's threads; every transaction must have finished.
    ///
    /// The pool stops by closing its connections, and waiting for that is bounded
    /// (``closeWait``): a full test run has, now and then, left one pool's run never returning
    /// after it was cancelled, with no statement in flight, and a stopping server or a finished
    /// command must not wait on it for ever. The process's end closes what is left.
    func close() async {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        await election.resign()
        running.cancel()
        let running = running
        let stopped = await Self.within(Self.closeWait) { await running.value }
        if !stopped { logger.warning("the PostgreSQL pool did not stop within its wait; left to the process's end") }
        try? await threads.shutdownGracefully()
    }

    /// How long ``close()`` waits for the pool to stop.
    static let closeWait: Duration = .seconds(10)

    /// Whether `work` finished within `limit`. It is not cancelled when it did not: it goes on
    /// unawaited.
    static func within(_ limit: Duration, _ work: @escaping @Sendable () async -> Void) async -> Bool {
        final class Decision: Sendable {
            let taken = Atomic<Bool>(false)
            /// True for the first caller only.
            func take() -> Bool { !taken.exchange(true, ordering: .acquiringAndReleasing) }
        }
        let decision = Decision()
        return await withCheckedContinuation { continuation in
            Task {
                await work()
                if decision.take() { continuation.resume(returning: true) }
            }
            Task {
                try? await Task.sleep(for: limit)
                if decision.take() { continuation.resume(returning: false) }
            }
        }
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
    ///
    /// A write the server chose as a deadlock's victim (two writes locking the same people in
    /// different orders) or could not serialise runs again, up to ``attempts`` times in all:
    /// the body is only statements in its transaction, so running it again is safe.
    func transaction<T: Sendable>(readOnly: Bool = false, _ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await transactionOnce(readOnly: readOnly, body)
            } catch let error as StoreError where error == Self.concurrentWrite && attempt < Self.attempts {
                attempt += 1
            }
        }
    }

    /// How many times a write that lost a deadlock runs.
    static let attempts = 3

    /// What a deadlock or a serialisation failure is reported as, once retrying is over.
    static let concurrentWrite = StoreError.conflict("a concurrent write got there first; try again")

    private func transactionOnce<T: Sendable>(readOnly: Bool, _ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
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
        try await checkServerIsBack()
        return try await mappingFailures {
            try await client.withConnection { connection in
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
        }
    }

    /// Runs `body` on a leased connection outside any transaction: each statement commits on
    /// its own (what `CREATE DATABASE` needs). Failures are mapped as for ``transaction(readOnly:_:)``.
    ///
    /// A connection not had within ``leaseWait`` while the server does not answer a connection
    /// of its own (the server gone, the pool still trying to reach it) is a
    /// ``StoreError/unavailable(_:)`` then, not a request left hanging: the web answers 503,
    /// and the next request tries again. A server that answers is only busy, and the
    /// transaction keeps waiting for the pool.
    func session<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        let (client, logger, threads, location) = (client, logger, threads, location)
        try await checkServerIsBack()
        let lease = LeaseDeadline()
        return try await mappingFailures {
            try await withThrowingTaskGroup(of: LeaseOutcome<T>.self) { group in
                group.addTask {
                    try await client.withConnection { connection in
                        guard lease.acquire() else { throw Self.away }
                        return .done(try await threads.runIfActive { try body(PostgresSession(connection: connection, logger: logger)) })
                    }
                }
                group.addTask {
                    while true {
                        try? await Task.sleep(for: Self.leaseWait)
                        if lease.isAcquired { return .acquired }
                        // A server that answers is only busy: keep waiting for the pool.
                        if (try? await Self.probe(location)) != nil { continue }
                        guard lease.expire() else { return .acquired }
                        throw Self.away
                    }
                }
                while let outcome = try await group.next() {
                    if case .done(let value) = outcome {
                        group.cancelAll()
                        return value
                    }
                }
                throw Self.away
            }
        }
    }

    /// How long a transaction waits for a connection before it checks whether the server is away.
    static let leaseWait: Duration = .seconds(3)

    /// What a request is told while the database server is away.
    static let away = StoreError.unavailable("the database server is not reachable")

    /// Whether the last attempt found the server away: the next one probes it first (a
    /// refused connection answers at once) rather than queueing for the pool.
    private var serverAway: Bool {
        get { away.load(ordering: .relaxed) }
        set { away.store(newValue, ordering: .relaxed) }
    }

    /// Throws at once while the server is still away; clears the mark once it answers.
    private func checkServerIsBack() async throws {
        guard serverAway else { return }
        try await Self.probe(location)
        serverAway = false
    }

    /// Runs `body`, reporting the server's and the pool's failures as ``StoreError``s and
    /// marking the server away when it could not be reached.
    private func mappingFailures<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            let mapped = Self.storeError(error)
            if mapped == Self.away { serverAway = true }
            throw mapped
        } catch is ConnectionPoolError {
            serverAway = true
            throw Self.away
        } catch let error as StoreError {
            if error == Self.away { serverAway = true }
            throw error
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
            case "40001", "40P01": return concurrentWrite
            case "28P01", "28000": return .unavailable("the database server refused the credentials")
            case "3D000": return .unavailable("the database server has no such database")
            default: return .unavailable("the database server refused a statement (SQLSTATE \(state))")
            }
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown:
            return away
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
            var configuration = PostgresConnection.Configuration(
                host: location.host, port: location.port, username: location.username, password: location.password,
                database: location.database, tls: try tls.map { .require(try NIOSSLContext(configuration: $0)) } ?? .disable)
            configuration.options.connectTimeout = .seconds(3)
            return try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
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

/// Whether a transaction got its connection before its deadline: exactly one of the two wins.
private final class LeaseDeadline: Sendable {
    private let state = Atomic<Int>(0)  // 0 waiting, 1 acquired, 2 expired

    /// The connection came: `false` when the deadline had already passed.
    func acquire() -> Bool { state.compareExchange(expected: 0, desired: 1, ordering: .acquiringAndReleasing).exchanged }

    /// Whether the connection has come.
    var isAcquired: Bool { state.load(ordering: .acquiring) == 1 }

    /// The deadline passed: `false` when the connection had already come.
    func expire() -> Bool { state.compareExchange(expected: 0, desired: 2, ordering: .acquiringAndReleasing).exchanged }
}

/// What each of a lease's two racing tasks ends with.
private enum LeaseOutcome<T: Sendable>: Sendable {
    case done(T)
    case acquired
}
