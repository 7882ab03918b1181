import GRDB
import Synchronization
import WardenCore

/// The area hierarchy, kept in memory between requests: every read of a person needs it,
/// and it changes only when areas are imported. A version number in the database, bumped by
/// every area import in any process (the CLI and the server share the file), tells when the
/// copy is stale; checking it is one indexed read.
final class AreaCache: Sendable {
    private let state = Mutex<(version: Int64, areas: [AreaID: Area])?>(nil)

    static let versionKey = "areas_version"

    /// The areas by id, reloaded when another import has changed them.
    func areas(_ db: Database) throws -> [AreaID: Area] {
        let version = try Int64.fetchOne(db.cachedStatement(sql: "SELECT CAST(value AS INTEGER) FROM setting WHERE key = ?"),
                                         arguments: [Self.versionKey]) ?? 0
        if let cached = state.withLock({ $0 }), cached.version == version { return cached.areas }
        let areas = Dictionary(uniqueKeysWithValues: try SQLiteStore.areas(db).map { ($0.id, $0) })
        state.withLock { $0 = (version, areas) }
        return areas
    }

    /// Marks every process's copy stale, inside the transaction that changed the areas.
    static func bump(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO setting (key, value) VALUES (?, '1')
            ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1
            """, arguments: [versionKey])
    }
}
