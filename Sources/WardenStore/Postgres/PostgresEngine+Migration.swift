import PostgresNIO

extension PostgresEngine {
    /// Applies the schema's steps not yet applied, each in the transaction that records it.
    /// An advisory lock held for the transaction makes servers starting together take turns.
    func migrate() async throws {
        try await transaction { session in
            try session.execute("SELECT pg_advisory_xact_lock(7210001)")
            try session.execute("""
                CREATE TABLE IF NOT EXISTS warden_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                """)
            let applied = Set(try session.rows("SELECT name FROM warden_migration").map { try $0.text(0) })
            for step in PostgresSchema.steps where !applied.contains(step.name) {
                try session.run(script: step.sql)
                try session.execute("INSERT INTO warden_migration (name) VALUES (?)", step.name)
            }
        }
    }
}
