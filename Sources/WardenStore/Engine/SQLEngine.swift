/// An engine the store's SQL runs on: transactions that read, and transactions that write and
/// commit durably (SQLite's group commit, PostgreSQL's own), each handing its body a
/// ``SQLSession``.
protocol SQLEngine: Sendable {
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T
}

/// An engine whose writes can hand the rules above the engines their ledger: the statements
/// both engines run, with the engine's own way of storing versions.
protocol LedgerEngine: SQLEngine {
    associatedtype Versions: VersionLedger
    func write<T: Sendable>(areas: AreaCache, _ body: @escaping @Sendable (SQLLedger<Versions>) throws -> T) async throws -> T
}

/// Which engine a session belongs to, for the few statements the two write differently
/// (who numbers the log's leaves).
enum SQLDialect: Sendable {
    case sqlite, postgres
}
