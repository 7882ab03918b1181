import Foundation
import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// The store's access methods, written once and run on every engine: grants and their
/// approval, revocation with its alert, sign-in failure counts, passwords, settings,
/// membership changes and watched periods.
@Suite("Store contract: access")
struct AccessContractTests {
    @Test(arguments: StoreEngine.allCases)
    func aGrantWaitsForApprovalWhenTheRequestSaysSoAndARevocationCarriesItsAlert(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        let ann = try await Fixture.account(store)
        var request = GrantRequest(role: .organiser, scopeAreaID: nil, purpose: .campaignPlanning, reason: "r", days: 1)
        request.needsApproval = true  // as the policy decides for a whole-party grant
        let grant = try await store.createGrant(request, account: ann, grantedBy: "admin", audit: Fixture.audit(.grantCreated),
                                                alert: AlertDraft(kind: .grant, accountID: nil, actor: "admin", detail: "whole-party"))
        #expect(grant.isPending)
        #expect(try await store.activeGrants(ann, at: .now).isEmpty)
        #expect(try await store.alerts(all: false, limit: 5).map(\.kind) == [.grant])
        try await store.approveGrant(grant.id, by: "admin2", at: .now, audit: Fixture.audit(.grantApproved))
        await #expect(throws: StoreError.self) {
            try await store.approveGrant(grant.id, by: "admin3", at: .now, audit: Fixture.audit(.grantApproved))
        }
        #expect(try await store.activeGrants(ann, at: .now).map(\.id) == [grant.id])
        #expect(try await store.grant(grant.id)?.approvedBy == "admin2")
        try await store.revokeGrant(grant.id, by: "admin", at: .now, audit: Fixture.audit(.grantRevoked),
                                    alert: AlertDraft(kind: .grant, accountID: nil, actor: "admin", detail: "revoked"))
        #expect(try await store.activeGrants(ann, at: .now).isEmpty)
        #expect(try await store.alerts(all: false, limit: 5).count == 2)
        await #expect(throws: StoreError.self) {
            try await store.revokeGrant(grant.id, by: "admin", at: .now, audit: Fixture.audit(.grantRevoked), alert: nil)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func revokingAccessEndsEveryGrantAndSession(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        let ann = try await Fixture.account(store, grants: [GrantRequest(role: .organiser, scopeAreaID: nil, purpose: .campaignPlanning, reason: "r")])
        let hash = try await Fixture.session(store, ann, byte: 1)
        try await store.revokeAccess(ann, by: "admin", at: .now, audit: Fixture.audit(.accessRevoked), alert: nil)
        #expect(try await store.activeGrants(ann, at: .now).isEmpty)
        #expect(try await store.accessContext(tokenHash: hash, seenAt: .now)?.session.endedAt != nil)
        #expect(try await store.currentGrants(at: .now).isEmpty)
    }

    @Test(arguments: StoreEngine.allCases)
    func signInFailuresAreCountedByPairClientAndUsernameAndTheirAlertRaisedOnce(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        let now = Timestamp.now
        var last = SignInThrottle.Counts(pair: 0, client: 0, username: 0)
        for (username, client) in [("ann", "c1"), ("ann", "c1"), ("ann", "c2"), ("bob", "c1")] {
            last = try await store.recordSignInFailure(username: username, client: client, at: now, audit: Fixture.audit(.signIn)) { counts in
                counts.client == 3 ? AlertDraft(kind: .failedSignIns, accountID: nil, actor: "client c1", detail: "three") : nil
            }
        }
        #expect(last == SignInThrottle.Counts(pair: 1, client: 3, username: 1))
        let since = now.adding(seconds: -60)
        #expect(try await store.signInFailures(username: "ann", client: "c1", since: since) == SignInThrottle.Counts(pair: 2, client: 3, username: 3))
        #expect(try await store.signInFailures(username: "ann", client: "c1", since: now.adding(seconds: 60)) == SignInThrottle.Counts(pair: 0, client: 0, username: 0))
        #expect(try await store.alerts(all: false, limit: 5).map(\.actor) == ["client c1"])
    }

    @Test(arguments: StoreEngine.allCases)
    func aPasswordResetForgetsTheSecondFactorAndEndsSessionsAndAChangeKeepsIt(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        let ann = try await Fixture.account(store)
        try await store.setSecondFactor(ann, sealedSecret: [1, 2, 3], recoveryCodeHashes: [[9]], audit: Fixture.audit(.secondFactorEnrolled), alert: nil)
        let first = try await Fixture.session(store, ann, byte: 2)
        try await store.setPassword(ann, hash: "changed", forgetSecondFactor: false, audit: Fixture.audit(.passwordChanged), alert: nil)
        #expect(try await store.credentials(username: "ann")?.passwordHash == "changed")
        #expect(try await store.credentials(username: "ann")?.sealedTOTPSecret == [1, 2, 3])
        #expect(try await store.accessContext(tokenHash: first, seenAt: .now)?.session.endedAt != nil)
        _ = try await Fixture.session(store, ann, byte: 3)
        try await store.setPassword(ann, hash: "reset", forgetSecondFactor: true, audit: Fixture.audit(.passwordReset),
                                    alert: AlertDraft(kind: .credentialReset, accountID: nil, actor: "admin", detail: "reset"))
        #expect(try await store.credentials(username: "ann")?.sealedTOTPSecret == nil)
        #expect(try await !store.useRecoveryCode(ann, hash: [9], at: .now))
        #expect(try await store.alerts(all: false, limit: 5).map(\.kind) == [.credentialReset])
        await #expect(throws: StoreError.self) {
            try await store.setPassword(AccountID(999), hash: "x", forgetSecondFactor: false, audit: Fixture.audit(.passwordChanged), alert: nil)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func settingsAreReadBackAndReplaced(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        #expect(try await store.setting("dpo_email") == nil)
        try await store.setSetting("dpo_email", value: "a@example.org")
        try await store.setSetting("dpo_email", value: "b@example.org")
        #expect(try await store.setting("dpo_email") == "b@example.org")
    }

    @Test(arguments: StoreEngine.allCases)
    func aMembershipMovesThroughItsLifecycleWithAVersionAndOnlyWhenAllowed(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        _ = try await store.saveAreas(Fixture.areas, audit: Fixture.audit())
        _ = try await Fixture.importMembers(store, [Fixture.member("M1", "Ann", house: 1)])
        let ann = try #require(try await store.readPeople(Fixture.read(.search(PeopleQuery(text: "M1"), .everyone))).people.first?.record.person.id)
        func change(_ event: MembershipEvent, decision: WriteDecision = .allowed(grantID: nil)) async throws -> MembershipChangeOutcome {
            try await store.changeMembership(MembershipChangeRequest(
                personID: ann, event: event, author: VersionAuthor(at: .now, accountID: nil, actor: "test", grantID: nil, reason: "r"),
                audit: Fixture.audit(.write), standing: nil) { _ in decision })
        }
        #expect(try await change(.suspended) == .changed(from: .active, to: .suspended))
        #expect(try await store.recentAuditEvents(limit: 1).first?.versions != nil)
        guard case .refusedByLifecycle = try await change(.paymentMissed) else {
            Issue.record("a suspended membership took a missed payment")
            return
        }
        #expect(try await change(.reinstated, decision: .refused) == .outOfScope)
        #expect(try await store.alerts(all: false, limit: 5).map(\.kind) == [.outOfScope])
        #expect(try await change(.reinstated) == .changed(from: .suspended, to: .active))
    }

    @Test(arguments: StoreEngine.allCases)
    func watchedPeriodsAreListedWhileTheyLast(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        _ = try await store.saveAreas(Fixture.areas, audit: Fixture.audit())
        let ward = try #require(try await store.allAreas().first { $0.code == "W1" }?.id)
        let now = Timestamp.now
        let period = try await store.addWatchedPeriod(area: ward, from: now, to: now.adding(days: 1), reason: "selection",
                                                      createdBy: "dpo", audit: Fixture.audit(.investigation))
        let listed = try await store.watchedPeriods(at: now.adding(seconds: 60))
        #expect(listed.map(\.id) == [period.id], "\(listed) \(period)")
        #expect(try await store.watchedPeriods(at: now.adding(seconds: 60)).first?.reason == "selection")
        #expect(try await store.watchedPeriods(at: now.adding(days: 2)).isEmpty)
        #expect(try await store.watchedPeriods(at: now.adding(seconds: -60)).isEmpty)
    }
}
