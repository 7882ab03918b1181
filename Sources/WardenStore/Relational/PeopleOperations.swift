public import WardenCore

extension RelationalStore {
    @_spi(Gate) public func allowancesUsed(by account: AccountID, before instant: Timestamp) async throws -> (read: Int, listed: Int, raised: Int) {
        try await engine.read { sql in
            let since = instant.adding(seconds: -ReadCharge.budgetWindow)
            return (try ReadChargeRows.people(account: account, since: since, kind: .read, sql),
                    try ReadChargeRows.people(account: account, since: since, kind: .listing, sql),
                    try ReadChargeRows.raised(account: account, at: instant, sql))
        }
    }

    @_spi(Gate) public func countMembers(scope: PeopleScope) async throws -> [MembershipStatus: Int] {
        let cache = areaCache
        return try await engine.read { sql in
            guard !scope.isEmpty else { return [:] }
            let all = try cache.areas(sql)
            let rows = try sql.rows("""
                SELECT m.status, COUNT(*) FROM person p
                LEFT JOIN household h ON h.id = p.household_id
                LEFT JOIN elector e ON e.person_id = p.id AND e.current = 1
                JOIN member m ON m.person_id = p.id
                WHERE TRUE\(PersonRows.within(scope, all: all)) GROUP BY m.status
                """)
            return Dictionary(uniqueKeysWithValues: try rows.compactMap { row in
                try MembershipStatus(rawValue: row.text(0)).map { ($0, try row.int(1)) }
            })
        }
    }

    @_spi(Gate) public func readPeople(_ read: PeopleRead) async throws -> PeopleReadResult {
        try await engine.readPeople(read, areas: areaCache)
    }

    @_spi(Gate) public func changeContacts(_ request: ContactChangeRequest) async throws -> ContactChangeOutcome {
        try await engine.changeContacts(request, areas: areaCache)
    }

    @_spi(Gate) public func changeMembership(_ request: MembershipChangeRequest) async throws -> MembershipChangeOutcome {
        try await engine.changeMembership(request, areas: areaCache)
    }

    @_spi(Gate) public func recordCanvass(_ requests: [CanvassWriteRequest]) async throws -> [CanvassWriteOutcome] {
        try await engine.recordCanvass(requests, areas: areaCache)
    }

    @_spi(Gate) public func importRegister(
        _ lines: some Sequence<ImportLine<RegisterEntry>>, options: ImportOptions, progress: (Int) -> Void
    ) async throws -> ImportReport {
        try await engine.importRegister(lines, options: options, areas: areaCache, progress: progress)
    }

    @_spi(Gate) public func importMembers(
        _ lines: some Sequence<ImportLine<MembershipRecord>>, options: ImportOptions, progress: (Int) -> Void
    ) async throws -> ImportReport {
        try await engine.importMembers(lines, options: options, areas: areaCache, progress: progress)
    }
}
