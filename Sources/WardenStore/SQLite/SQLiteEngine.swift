import Foundation
import GRDB
import WardenCore

extension RelationalStore {
    /// The default store: one SQLite file, opened (created if needed) at `path` with its
    /// schema brought up to date.
    public convenience init(path: String) throws {
        self.init(engine: try SQLiteEngine(path: path))
    }
}

/// One SQLite file in WAL mode through GRDB.
///
/// Readers never block the writer and the CLI and a running server can share the file
/// (a busy timeout makes the second writer wait rather than fail). Foreign keys are on.
final class SQLiteEngine: Sendable {
    let pool: CountingPool
    /// Shares one durable commit among the reads (and their audit entries) of concurrent requests.
    let group: GroupCommit

    var transactions: TransactionCounts { pool.counts }

    init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Deleted rows are overwritten with zeros, in their pages and in pages freed, so an
            // erased person leaves no bytes behind in the file's free space (``Erasure``).
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: db.configuration.readonly ? Self.readerCacheSize : Self.writerCacheSize)
        }
        do {
            try Self.createPrivately(path)
            let base = try DatabasePool(path: path, configuration: configuration)
            try Schema.migrator.migrate(base)
            pool = CountingPool(base)
            group = GroupCommit(pool: pool)
        } catch {
            throw StoreError.unavailable("\(path): cannot open the database (\(Self.describe(error)))")
        }
    }

    /// The writer's page cache: 64 MiB keeps indexed writes fast (about 1.5× over SQLite's 2 MiB).
    static let writerCacheSize = "PRAGMA cache_size = -65536"
    /// Each reader's page cache. A pool has several readers and each fills its cache as the
    /// database grows, so 64 MiB apiece let a busy server's memory climb by hundreds of MiB
    /// and stay there; 16 MiB holds the hot index pages of a request's reads.
    static let readerCacheSize = "PRAGMA cache_size = -16384"

    /// Creates the database file with mode 0600 before SQLite opens it, when it does not exist.
    ///
    /// The file holds personal data: its owner only, like the key ring. SQLite gives the WAL
    /// and shared-memory files the main file's mode when it creates them, so creating the main
    /// file private (rather than tightening it after SQLite made it with the umask's 0644)
    /// makes `-wal` and `-shm` private from their first byte too.
    static func createPrivately(_ path: String) throws {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            Foundation.close(descriptor)
        } else if errno != EEXIST {
            throw StoreError.unavailable("\(path): cannot create the database file (errno \(errno))")
        }
    }

    /// Runs `body` in a transaction that is rolled back unless `commit` says otherwise.
    func transaction<T>(_ body: (Database) throws -> (T, commit: Bool)) throws -> T {
        var result: T?
        try pool.writeWithoutTransaction { db in
            try db.inTransaction {
                let (value, commit) = try body(db)
                result = value
                return commit ? .commit : .rollback
            }
        }
        guard let result else { throw StoreError.conflict("transaction produced no result") }
        return result
    }

    /// A database error described without bound values (which may be personal data).
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "SQLite error \(error.resultCode.rawValue): \(error.message ?? "unknown")"
        }
        return String(describing: type(of: error))
    }
}

