public import WardenCore

extension RelationalStore {
    public func counts() async throws -> StoreCounts {
        try await engine.read { sql in
            return StoreCounts(
                people: try sql.count("SELECT COUNT(*) FROM person"),
                electors: try sql.count("SELECT COUNT(*) FROM elector WHERE current = 1"),
                households: try sql.count("SELECT COUNT(*) FROM household"),
                members: try sql.count("SELECT COUNT(*) FROM member"),
                areas: try sql.count("SELECT COUNT(*) FROM area"))
        }
    }
}
