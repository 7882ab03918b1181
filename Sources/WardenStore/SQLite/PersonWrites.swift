public import WardenCore

extension SQLiteStore {
    @_spi(Gate) public func changeContacts(_ request: ContactChangeRequest) async throws -> ContactChangeOutcome {
        let areas = areaCache
        return try await group.write { db in try ContactChange(ledger: SQLLedger(db, areas: areas), request: request).run() }
    }

    @_spi(Gate) public func changeMembership(_ request: MembershipChangeRequest) async throws -> MembershipChangeOutcome {
        let areas = areaCache
        return try await group.write { db in try MembershipChange(ledger: SQLLedger(db, areas: areas), request: request).run() }
    }

    @_spi(Gate) public func recordCanvass(_ request: CanvassWriteRequest) async throws -> CanvassWriteOutcome {
        let areas = areaCache
        return try await group.write { db in try CanvassWrite(ledger: SQLLedger(db, areas: areas), request: request).run() }
    }
}
