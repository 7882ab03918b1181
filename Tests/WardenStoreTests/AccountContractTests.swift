import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// Accounts, second factors and refused sessions: accounts are listed and found by name,
/// a second factor's codes work once, and a refused session ends with its alert.
@Suite("Store contract: accounts")
struct AccountContractTests {
    @Test(arguments: StoreEngine.allCases)
    func accountsAreCountedListedByNameAndCarryTheirMembership(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        _ = try await Fixture.importMembers(store, [Fixture.member("M1", "Ann", house: 1)])
        let annPerson = try await Fixture.personID(store, "M1")
        #expect(try await store.accountCount() == 0)
        let zoe = try await Fixture.account(store, "zoe")
        let ann = try await Fixture.account(store, "ann", personID: annPerson)
        #expect(try await store.accountCount() == 2)
        #expect(try await store.accounts().map(\.username) == ["ann", "zoe"])
        #expect(try await store.accounts().map(\.id) == [ann, zoe])
        #expect(try await store.accounts().first?.personID == annPerson)
        #expect(try await store.accountID(username: "zoe") == zoe)
        #expect(try await store.accountID(username: "nobody") == nil)

        let credentials = try #require(try await store.credentials(username: "ann"))
        #expect(credentials.id == ann)
        #expect(credentials.passwordHash == "old")
        #expect(credentials.personID == annPerson)
        #expect(credentials.membership == .active)
        #expect(try await store.credentials(username: "zoe")?.membership == nil)
        #expect(try await store.credentials(username: "nobody") == nil)
    }

    @Test(arguments: StoreEngine.allCases)
    func aSessionsContextCarriesItsAccountAndIsMarkedSeen(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        _ = try await Fixture.importMembers(store, [Fixture.member("M1", "Ann", house: 1)])
        let annPerson = try await Fixture.personID(store, "M1")
        let ann = try await Fixture.account(store, "ann", personID: annPerson)
        let created = Timestamp.now
        let hash: [UInt8] = Array(repeating: 4, count: 32)
        try await store.createSession(NewSession(accountID: ann, tokenHash: hash, csrfToken: "csrf", createdAt: created,
                                                 expiresAt: created.adding(seconds: 3_600), secondFactor: true, client: "10.0.0.1"),
                                      audit: Fixture.audit(.signIn))
        let context = try #require(try await store.accessContext(tokenHash: hash, seenAt: created.adding(seconds: 60)))
        #expect(context.session.accountID == ann)
        #expect(context.session.csrfToken == "csrf")
        #expect(context.session.createdAt == created)
        #expect(context.session.expiresAt == created.adding(seconds: 3_600))
        #expect(context.personID == annPerson)
        #expect(context.membership == .active)
        #expect(context.secondFactor)
        #expect(context.grants.isEmpty)
        #expect(try await store.accessContext(tokenHash: hash, seenAt: created.adding(seconds: 61))?.session.lastSeenAt == created.adding(seconds: 60))
    }

    @Test(arguments: StoreEngine.allCases)
    func aTOTPStepIsUsedOnceAndOnlyForwardAndARecoveryCodeOnce(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        let ann = try await Fixture.account(store)
        try await store.setSecondFactor(ann, sealedSecret: [0, 0, 0, 1, 5], recoveryCodeHashes: [[1], [2]], audit: Fixture.audit(.secondFactorEnrolled), alert: nil)
        #expect(try await store.accounts().first?.secondFactorEnrolled == true)
        #expect(try await store.useTOTPStep(ann, step: 100))
        #expect(try await !store.useTOTPStep(ann, step: 100))  // a replayed step
        #expect(try await !store.useTOTPStep(ann, step: 99))
        #expect(try await store.useTOTPStep(ann, step: 101))

        let bob = try await Fixture.account(store, "bob")
        #expect(try await !store.useTOTPStep(bob, step: 200))  // no second factor, no steps to use
        #expect(try await !store.useRecoveryCode(bob, hash: [1], at: .now))  // Ann's code
        #expect(try await store.useRecoveryCode(ann, hash: [1], at: .now))
        #expect(try await !store.useRecoveryCode(ann, hash: [1], at: .now))
        #expect(try await !store.useRecoveryCode(ann, hash: [3], at: .now))
        #expect(try await store.useRecoveryCode(ann, hash: [2], at: .now))

        // Enrolling again starts the steps afresh and replaces the codes.
        try await store.setSecondFactor(ann, sealedSecret: [0, 0, 0, 1, 6], recoveryCodeHashes: [[4]], audit: Fixture.audit(.secondFactorEnrolled), alert: nil)
        #expect(try await store.useTOTPStep(ann, step: 50))
        #expect(try await store.useRecoveryCode(ann, hash: [4], at: .now))
        #expect(try await store.credentials(username: "ann")?.sealedTOTPSecret == [0, 0, 0, 1, 6])
    }

    @Test(arguments: StoreEngine.allCases)
    func aRefusedSessionEndsAndItsAlertIsRaisedOnceInTenMinutes(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        let ann = try await Fixture.account(store)
        let first = try await Fixture.session(store, ann, byte: 1)
        let second = try await Fixture.session(store, ann, byte: 2)
        #expect(try await store.accessContext(tokenHash: second, seenAt: .now)?.session.endedAt == nil)
        let alert = AlertDraft(kind: .revokedAccess, accountID: ann, actor: "ann", detail: "used a revoked session")
        for hash in [first, second] {
            var event = Fixture.audit(.refused)
            event.outcome = .refused
            try await store.refuseSession(tokenHash: hash, audit: event, alert: alert)
        }
        #expect(try await store.accessContext(tokenHash: first, seenAt: .now)?.session.endedAt != nil)
        #expect(try await store.accessContext(tokenHash: second, seenAt: .now)?.session.endedAt != nil)
        #expect(try await store.alerts(all: false, limit: 5).map(\.kind) == [.revokedAccess])
        #expect(try await store.recentAuditEvents(limit: 2).map(\.outcome) == [.refused, .refused])
    }
}
