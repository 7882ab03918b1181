import Foundation
import GRDB
public import WardenCore

extension SQLiteEngine {
    /// `VACUUM INTO` on a reader connection: SQLite copies one consistent read snapshot page by
    /// page into a fresh, compacted file, and writers carry on in the write-ahead log meanwhile.
    /// The copy holds no free pages, so nothing deleted (an erased person) travels with it.
    func snapshot(into path: String) async throws -> SnapshotFacts {
        do {
            try await pool.base.unsafeRead { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
            return try Self.facts(of: path)
        } catch let error as DatabaseError {
            throw StoreError.unavailable("\(path): the snapshot failed (\(Self.describe(error)))")
        }
    }

    /// What a snapshot file says about itself, read from the file alone.
    static func facts(of path: String) throws -> SnapshotFacts {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            let schema = try String.fetchOne(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1") ?? ""
            let size = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(leaf), -1) + 1 FROM audit_event") ?? 0
            let checkpoint = try Row.fetchOne(db, sql: "SELECT size, root, note, at FROM log_checkpoint ORDER BY size DESC LIMIT 1").map { row in
                StoredCheckpoint(size: UInt64(row[0] as Int64), rootHash: Array(row[1] as Data), note: row[2],
                                 at: Timestamp(iso8601: row[3] as String) ?? .now)
            }
            return SnapshotFacts(engine: "sqlite", schemaVersion: schema, logSize: UInt64(size), checkpoint: checkpoint)
        }
    }
}

/// The schema steps this Warden knows, oldest first, per engine: a backup made by a later
/// Warden names one that is not here.
public enum StoreSchema {
    public static func versions(for engine: String) -> [String] {
        engine == "postgresql" ? PostgresSchema.steps.map(\.name) : Schema.migrator.migrations
    }
}

extension SQLiteEngine {
    /// Opens the snapshot and checks it as `verify` does, against the checkpoints it holds:
    /// the tree, every version and every record; and reads which keys its sealed values need.
    func checkSnapshot(at path: String) async throws -> SnapshotCheck {
        let store = try RelationalStore(path: path)
        let checkpoints = try await store.allCheckpoints().map { TrustedCheckpoint(size: Int($0.size), rootHash: $0.rootHash, source: "the backup") }
        let report = try await store.verify(against: checkpoints)
        let usage = try await store.keyEncryptionUsage()
        await store.close()
        return SnapshotCheck(report: report, keyUsage: usage, summary: "the snapshot verified (\(report.entries) entries)")
    }
}
