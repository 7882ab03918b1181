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

    @_spi(Gate) public func countMembers(scope: PeopleScope, on today: CalendarDate) async throws -> MemberCounts {
        let cache = areaCache
        return try await engine.read { sql in
            let rules = try DuesSettings.rules(sql)
            let lapsingBy = today.endOfMonth
            let lapsingPaidUntil = rules.paidUntilLapsingBy(lapsingBy)
            guard !scope.isEmpty else { return MemberCounts(byStatus: [:], lapsing: 0, lapsingBy: lapsingBy, lapsingPaidUntil: lapsingPaidUntil) }
            let all = try cache.areas(sql)
            let rows = try sql.rows("""
                SELECT m.status, COUNT(*), CAST(SUM(CASE WHEN m.status = 'in_arrears' AND m.paid_until <= ? THEN 1 ELSE 0 END) AS BIGINT)
                FROM person p
                LEFT JOIN household h ON h.id = p.household_id
                LEFT JOIN elector e ON e.person_id = p.id AND e.current = 1
                JOIN member m ON m.person_id = p.id
                WHERE TRUE\(PersonRows.within(scope, all: all)) GROUP BY m.status
                """, lapsingPaidUntil.description)
            let byStatus = Dictionary(uniqueKeysWithValues: try rows.compactMap { row in
                try MembershipStatus(rawValue: row.text(0)).map { ($0, try row.int(1)) }
            })
            let lapsing = try rows.reduce(0) { $0 + (try $1.int(2)) }
            return MemberCounts(byStatus: byStatus, lapsing: lapsing, lapsingBy: lapsingBy, lapsingPaidUntil: lapsingPaidUntil)
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

    @_spi(Gate) public func withdrawCanvass(_ request: CanvassWithdrawalRequest) async throws -> Int {
        try await engine.withdrawCanvass(request, areas: areaCache)
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
