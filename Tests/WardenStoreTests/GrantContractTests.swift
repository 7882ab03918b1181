import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// The grants listing: what is current (pending included) with whose it is, and what a
/// revocation of someone's whole access leaves behind.
@Suite("Store contract: grants")
struct GrantContractTests {
    @Test(arguments: StoreEngine.allCases)
    func currentGrantsListPendingAndActiveGrantsWithTheirHoldersButNotRevokedOrExpiredOnes(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let ward = try await Fixture.area(store, "W1")
        let ann = try await Fixture.account(store, "ann", grants: [Fixture.grant(.organiser, over: ward)])
        let bob = try await Fixture.account(store, "bob")
        var wholeParty = Fixture.grant(.organiser, over: nil)
        wholeParty.needsApproval = true
        let pending = try await store.createGrant(wholeParty, account: bob, grantedBy: "admin", audit: Fixture.audit(.grantCreated), alert: nil)
        let revoked = try await store.createGrant(Fixture.grant(.canvasser, over: ward, purpose: .canvassing), account: bob, grantedBy: "admin",
                                                  audit: Fixture.audit(.grantCreated), alert: nil)
        try await store.revokeGrant(revoked.id, by: "admin", at: .now, audit: Fixture.audit(.grantRevoked), alert: nil)

        let listed = try await store.currentGrants(at: .now)
        #expect(Set(listed.map(\.username)) == ["ann", "bob"])
        #expect(listed.first { $0.username == "ann" }?.grant.scopeAreaID == ward)
        #expect(listed.first { $0.username == "bob" }?.grant.id == pending.id)
        #expect(listed.first { $0.username == "bob" }?.grant.isPending == true)
        #expect(try await store.currentGrants(at: Timestamp.now.adding(days: 2)).isEmpty)
        #expect(try await store.grant(revoked.id)?.revokedAt != nil)
        #expect(try await store.grant(999) == nil)
        #expect(try await store.activeGrants(ann, at: .now).map(\.scopeAreaID) == [ward])
    }

    @Test(arguments: StoreEngine.allCases)
    func revokingAccessRaisesItsAlertAndRecordsTheRevocation(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        let ann = try await Fixture.account(store, grants: [Fixture.grant(.organiser, over: nil), Fixture.grant(.dataProtectionOfficer, over: nil, purpose: .dataProtection)])
        try await store.revokeAccess(ann, by: "admin", at: .now, audit: Fixture.audit(.accessRevoked),
                                     alert: AlertDraft(kind: .grant, accountID: ann, actor: "admin", detail: "a DPO's access revoked"))
        #expect(try await store.alerts(all: false, limit: 5).map(\.detail) == ["a DPO's access revoked"])
        #expect(try await store.alerts(all: false, limit: 5).first?.accountID == ann)
        #expect(try await store.recentAuditEvents(limit: 1).first?.action == .accessRevoked)
        #expect(try await store.currentGrants(at: .now).isEmpty)
    }
}
