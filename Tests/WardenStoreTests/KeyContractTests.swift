import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// Key rotation's view: the values sealed under an older key-encryption key are listed a
/// batch at a time, replaced only if unchanged since they were read, and counted by version.
@Suite("Store contract: key-encrypted values")
struct KeyContractTests {
    @Test(arguments: StoreEngine.allCases)
    func sealedValuesAreListedRewrappedOnceAndCountedByVersion(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let (campaign, list) = try await Fixture.walkList(store)
        let ann = try await Fixture.personID(store, "AA-1")
        _ = try await store.recordCanvass(Fixture.canvass(ann, on: list, answers: [1]))
        let sam = try await Fixture.account(store, "sam")
        try await store.setSecondFactor(sam, sealedSecret: [0, 0, 0, 1, 9], recoveryCodeHashes: [], audit: Fixture.audit(.secondFactorEnrolled), alert: nil)
        #expect(try await store.keyEncryptionUsage() == [1: 2])

        let old = try await store.keyEncryptedValues(olderThan: 2, limit: 10)
        let personKey = try #require(old.first { $0.kind == .personKey })
        let secret = try #require(old.first { $0.kind == .secondFactor })
        #expect(old.count == 2)
        #expect(personKey.owner == ann.rawValue)
        #expect(personKey.kekVersion == 1)
        #expect(personKey.sealed == [7])
        #expect(secret.id == sam.rawValue)
        #expect(secret.owner == sam.rawValue)
        #expect(secret.kekVersion == 1)
        #expect(secret.sealed == [0, 0, 0, 1, 9])
        #expect(try await store.keyEncryptedValues(olderThan: 2, limit: 1).count == 1)
        #expect(try await store.keyEncryptedValues(olderThan: 1, limit: 10).isEmpty)

        var rewrappedKey = personKey
        rewrappedKey.kekVersion = 2
        rewrappedKey.sealed = [8]
        var rewrappedSecret = secret
        rewrappedSecret.kekVersion = 2
        rewrappedSecret.sealed = [0, 0, 0, 2, 9]
        let pairs = [(old: personKey, new: rewrappedKey), (old: secret, new: rewrappedSecret)]
        #expect(try await store.replaceKeyEncryptedValues(pairs) == 2)
        #expect(try await store.replaceKeyEncryptedValues(pairs) == 0)  // already rewrapped: stale
        #expect(try await store.keyEncryptionUsage() == [2: 2])
        #expect(try await store.keyEncryptedValues(olderThan: 2, limit: 10).isEmpty)
        #expect(try await store.credentials(username: "sam")?.sealedTOTPSecret == [0, 0, 0, 2, 9])
        let contact = try await store.campaignContacts(campaign.id, districts: nil, audit: Fixture.audit(.read)).first
        #expect(contact?.wrappedKey?.kekVersion == 2)
        #expect(contact?.wrappedKey?.wrapped == [8])
    }
}
