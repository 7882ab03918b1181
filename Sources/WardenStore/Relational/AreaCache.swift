import Synchronization
import WardenCore

/// The area hierarchy, kept in memory between requests: every read of a person needs it,
/// and it changes only when areas are imported. A version number in the database, bumped by
/// every area import in any process (the CLI and servers share the database), tells when the
/// copy is stale; checking it is one indexed read.
final class AreaCache: Sendable {
    private let state = Mutex<(version: Int64, areas: [AreaID: Area])?>(nil)

    static let versionKey = "areas_version"

    /// The areas by id, reloaded when another import has changed them.
    func areas(_ sql: any SQLSession) throws -> [AreaID: Area] {
        let version = try sql.row("SELECT CAST(value AS BIGINT) FROM setting WHERE key = ?", Self.versionKey)?.integer(0) ?? 0
        if let cached = state.withLock({ $0 }), cached.version == version { return cached.areas }
        let areas = Dictionary(uniqueKeysWithValues: try Self.all(sql).map { ($0.id, $0) })
        state.withLock { $0 = (version, areas) }
        return areas
    }

    /// Every area, read from the database.
    static func all(_ sql: any SQLSession) throws -> [Area] {
        try sql.rows("SELECT id, level, code, name, parent_id FROM area ORDER BY id").map { row in
            Area(id: AreaID(try row.integer(0)), level: AreaLevel(rawValue: try row.text(1)) ?? .pollingDistrict,
                 code: try row.text(2), name: try row.text(3), parentID: try row.optionalInteger(4).map(AreaID.init(rawValue:)))
        }
    }

    /// Marks every process's copy stale, inside the transaction that changed the areas.
    static func bump(_ sql: any SQLSession) throws {
        try sql.execute("""
            INSERT INTO setting (key, value) VALUES (?, '1')
            ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(setting.value AS BIGINT) + 1 AS TEXT)
            """, versionKey)
    }
}
