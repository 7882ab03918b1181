extension RelationalStore {
    /// A store on the PostgreSQL database at `location`, its schema brought up to date (one
    /// server at a time when several start together).
    public static func postgres(_ location: PostgresLocation, connections: Int = 20) async throws -> RelationalStore {
        RelationalStore(engine: try await PostgresEngine.open(location, connections: connections))
    }
}

extension RelationalStore {
    /// Whether the PostgreSQL database at `location` holds a Warden: its schema and at least
    /// one account. Reads only: a wrong `--db` is reported, not given tables.
    public static func postgresHoldsWarden(_ location: PostgresLocation) async throws -> Bool {
        let engine = try await PostgresEngine.connect(location, connections: 1)
        do {
            let holds = try await engine.read { sql in
                guard try sql.row("SELECT to_regclass('account') IS NOT NULL")?.bool(0) == true else { return false }
                return try sql.row("SELECT EXISTS (SELECT 1 FROM account)")?.bool(0) == true
            }
            await engine.close()
            return holds
        } catch {
            await engine.close()
            throw error
        }
    }
}
