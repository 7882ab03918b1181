public import WardenCore

extension RelationalStore {
    public func counts() async throws -> StoreCounts {
        try await engine.read { sql in
            func count(_ statement: String) throws -> Int { try sql.row(statement)?.int(0) ?? 0 }
            return StoreCounts(
                people: try count("SELECT COUNT(*) FROM person"),
                electors: try count("SELECT COUNT(*) FROM elector WHERE current = 1"),
                households: try count("SELECT COUNT(*) FROM household"),
                members: try count("SELECT COUNT(*) FROM member"),
                areas: try count("SELECT COUNT(*) FROM area"))
        }
    }
}
