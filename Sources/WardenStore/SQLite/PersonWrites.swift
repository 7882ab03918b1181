public import WardenCore

extension SQLiteStore {
    @_spi(Gate) public func changeContacts(_ request: ContactChangeRequest) async throws -> ContactChangeOutcome {
        try await engine.write(areas: areaCache) { ledger in try ContactChange(ledger: ledger, request: request).run() }
    }

    @_spi(Gate) public func changeMembership(_ request: MembershipChangeRequest) async throws -> MembershipChangeOutcome {
        try await engine.write(areas: areaCache) { ledger in try MembershipChange(ledger: ledger, request: request).run() }
    }

    @_spi(Gate) public func recordCanvass(_ request: CanvassWriteRequest) async throws -> CanvassWriteOutcome {
        try await engine.write(areas: areaCache) { ledger in try CanvassWrite(ledger: ledger, request: request).run() }
    }
}
