import Foundation
import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// An account's access generation and the check every Gate operation makes against it,
/// written once and run on every engine: whatever decides an account's access moves the
/// generation, nothing else does, and a read or write decided on a stale standing stops
/// before it finds, refuses or writes anything.
@Suite("Store contract: standing")
struct StandingContractTests {
    /// The generation `hash`'s session reads now.
    func generation(_ store: StoreUnderTest, _ hash: [UInt8]) async throws -> Int64 {
        try #require(try await store.accessContext(tokenHash: hash, seenAt: .now)).generation
    }

    @Test(arguments: StoreEngine.allCases)
    func everyChangeToAccessMovesTheGenerationAndNothingElseDoes(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        _ = try await store.saveAreas(Fixture.areas, audit: Fixture.audit())
        _ = try await Fixture.importMembers(store, [Fixture.member("M1", "Ann", house: 1)])
        let person = try await Fixture.personID(store, "M1")
        let ann = try await Fixture.account(store, personID: person)
        let hash = try await Fixture.session(store, ann, byte: 1)
        var last = try await generation(store, hash)

        /// Runs `change` and expects the generation to have moved (or, with `moves: false`, not).
        func expect(_ what: Comment, moves: Bool = true, _ change: () async throws -> Void) async throws {
            try await change()
            let now = try await generation(store, hash)
            #expect((now != last) == moves, what)
            last = now
        }
        try await expect("a grant made") {
            _ = try await store.createGrant(Fixture.grant(.organiser, over: nil), account: ann, grantedBy: "admin",
                                            audit: Fixture.audit(.grantCreated), alert: nil)
        }
        let grant = try #require(try await store.activeGrants(ann, at: .now).first)
        try await expect("a grant revoked") {
            try await store.revokeGrant(grant.id, by: "admin", at: .now, audit: Fixture.audit(.grantRevoked), alert: nil)
        }
        try await expect("the person's membership suspended") {
            _ = try await store.changeMembership(MembershipChangeRequest(
                personID: person, event: .suspended, author: Fixture.author(), audit: Fixture.audit(.write), standing: nil
            ) { _ in .allowed(grantID: nil) })
        }
        try await expect("the password changed") {
            try await store.setPassword(ann, hash: "new", forgetSecondFactor: false, audit: Fixture.audit(.passwordChanged), alert: nil)
        }
        // Reading the session (and refreshing its last-seen time) and other accounts' changes do not move it.
        let other = try await Fixture.account(store, "bob")
        try await expect("another account's grant", moves: false) {
            _ = try await store.createGrant(Fixture.grant(.organiser, over: nil), account: other, grantedBy: "admin",
                                            audit: Fixture.audit(.grantCreated), alert: nil)
            _ = try await store.accessContext(tokenHash: hash, seenAt: Timestamp.now.adding(seconds: 120))
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func anEndedSessionHasNoStanding(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        let ann = try await Fixture.account(store)
        let hash = try await Fixture.session(store, ann, byte: 2)
        let context = try #require(try await store.accessContext(tokenHash: hash, seenAt: .now))
        let standing = AccessStanding(sessionID: context.session.id, generation: context.generation, cached: true)
        _ = try await store.readPeople(Fixture.read(.search(PeopleQuery(text: "nobody"), .everyone), standing: standing))
        try await store.endSession(tokenHash: hash, at: .now, audit: Fixture.audit(.signOut))
        await #expect(throws: StandingChanged.self) {
            _ = try await store.readPeople(Fixture.read(.search(PeopleQuery(text: "nobody"), .everyone), standing: standing))
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aStaleStandingStopsEveryGateOperationBeforeItRecordsAnything(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let (_, list) = try await Fixture.walkList(store)
        let person = try #require(try await Fixture.person(store, "AA-1")).person.id
        let ann = try await Fixture.account(store)
        let hash = try await Fixture.session(store, ann, byte: 3)
        let context = try #require(try await store.accessContext(tokenHash: hash, seenAt: .now))
        let stale = AccessStanding(sessionID: context.session.id, generation: context.generation - 1, cached: true)
        let logged = try await store.recentAuditEvents(limit: 100).count

        await #expect(throws: StandingChanged.self) {
            _ = try await store.readPeople(Fixture.read(.person(person), standing: stale))
        }
        await #expect(throws: StandingChanged.self) {
            var request = Fixture.canvass(person, on: list)
            request.standing = stale
            _ = try await store.recordCanvass(request)
        }
        await #expect(throws: StandingChanged.self) {
            var request = try Fixture.emailChange(person, to: "new@example.org")
            request.standing = stale
            _ = try await store.changeContacts(request)
        }
        await #expect(throws: StandingChanged.self) {
            _ = try await store.changeMembership(MembershipChangeRequest(
                personID: person, event: .suspended, author: Fixture.author(), audit: Fixture.audit(.write), standing: stale
            ) { _ in .allowed(grantID: nil) })
        }
        await #expect(throws: StandingChanged.self) {
            _ = try await store.subjectAccessFacts(of: [person], audit: Fixture.audit(.read), standing: stale)
        }
        #expect(try await store.recentAuditEvents(limit: 100).count == logged)
        // The same operations on the current standing go through.
        var current = stale
        current.generation = context.generation
        #expect(try await store.readPeople(Fixture.read(.person(person), standing: current)).outcome == .allowed)
        #expect(try await store.recentAuditEvents(limit: 100).count == logged + 1)
    }
}
