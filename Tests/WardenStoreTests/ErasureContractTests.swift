import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// Erasure in the store, on both engines: all or nothing, a tombstone and suppression hashes,
/// and versions emptied with their hashes kept.
@Suite("Store contract: erasure")
struct ErasureContractTests {
    /// A stand-in for the key ring's keyed hash: the identifier's own bytes, so a test can see what was kept.
    static let hash: @Sendable (String) -> [UInt8] = { Array($0.utf8) }

    func retention(_ people: [PersonID], suppress: Bool = false) -> Erasure {
        Erasure(kind: .retention, reason: "test", suppress: suppress, people: people, requestedBy: "operator:test", requestedAt: .now)
    }

    func erase(_ store: StoreUnderTest, _ erasure: Erasure, missing: MissingPeople = .refuse) async throws -> ErasureOutcome {
        try await store.erase(erasure, decidedBy: "operator:test", at: .now, missing: missing, keepingRegister: [], identifierHash: Self.hash,
                              audit: Fixture.audit(.erasure), standing: nil)
    }

    /// One person the batch cannot erase (no such person) and the whole batch is refused:
    /// nobody in it is touched, and no erasure is left behind.
    @Test(arguments: StoreEngine.allCases)
    func anErasureIsAllOrNothing(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let ann = try await Fixture.personID(store, "AA-1")
        await #expect(throws: StoreError.notFound("person 99999: no such person")) {
            _ = try await erase(store, retention([ann, PersonID(rawValue: 99999)]))
        }
        #expect(try await Fixture.person(store, "AA-1") != nil)
        #expect(try await store.erasures(limit: 10).isEmpty)
        let versionsBefore = try await store.verify(against: []).versions

        let done = try await erase(store, retention([ann, PersonID(rawValue: 99999)]), missing: .skip)
        #expect(done.erasure.people == [ann] && done.erasure.state == .done && done.versionsRedacted >= 1)
        #expect(try await Fixture.person(store, "AA-1") == nil)
        let report = try await store.verify(against: [])
        #expect(report.versions == versionsBefore)
        #expect(report.erasures == [ErasureTally(erasure: done.erasure.id, people: 1, versions: done.versionsRedacted)])
        #expect(report.findings.allSatisfy { !$0.contains("person \(ann.rawValue)") }, "\(report.findings)")
        await #expect(throws: StoreError.conflict("person \(ann.rawValue): already erased (erasure \(done.erasure.id))")) {
            _ = try await erase(store, retention([ann]))
        }
    }

    /// Suppression entries hold keyed hashes of the person's identifiers and nothing else, and
    /// an import is told whether anyone matches.
    @Test(arguments: StoreEngine.allCases)
    func suppressionKeepsHashesOnly(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let bob = try await Fixture.personID(store, "AA-2")
        let done = try await erase(store, retention([bob], suppress: true))
        #expect(done.suppressionEntries >= 1)
        let identifier = { (entry: RegisterEntry) in Self.hash(SuppressionIdentifiers.nameAndAddress(nameKey: entry.matchKey, addressKey: entry.householdKey)) }
        #expect(try await store.isSuppressed([identifier(Fixture.register[1])]))
        #expect(try await !store.isSuppressed([identifier(Fixture.register[0])]))
        #expect(try await store.doneErasures().map(\.id) == [done.erasure.id])
    }
}
