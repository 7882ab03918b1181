public import WardenCore

extension SQLiteStore {
    /// One person or one walk list is found inside the group-committed write that charges and
    /// records it: a bounded read, one transaction. A search is found first in a read
    /// transaction of its own: a broad one (a surname's first letter over a national register)
    /// may walk a long stretch of an index, and must not hold the single writer while it does.
    @_spi(Gate) public func readPeople(_ read: PeopleRead) async throws -> PeopleReadResult {
        let areas = areaCache
        if case .search = read.target {
            let found = try await engine.read { sql in try PeopleReadRun.find(read, areas: areas, sql) }
            return try await engine.write(areas: areas) { ledger in try ReadCharge(ledger: ledger, read: read, now: .now).record(found) }
        }
        return try await engine.write(areas: areas) { ledger in
            try ReadCharge(ledger: ledger, read: read, now: .now).record(PeopleReadRun.find(read, areas: areas, ledger.sql))
        }
    }

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
