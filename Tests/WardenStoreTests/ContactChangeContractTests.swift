import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// Changing a person's contact details: a change lands with its version and audit entry in
/// one call, the same values again make nothing, and a refused or unknown person's change
/// writes nothing but its record.
@Suite("Store contract: contact changes")
struct ContactChangeContractTests {
    func email(_ store: StoreUnderTest, of person: PersonID) async throws -> [String]? {
        try await store.readPeople(Fixture.read(.person(person))).people.first?.record.contactPoints?.filter { $0.kind == .email }.map(\.value)
    }

    @Test(arguments: StoreEngine.allCases)
    func aChangeLandsWithItsVersionAndAuditEntryAndTheSameValuesMakeNone(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let cat = try await Fixture.personID(store, "AA-3")
        let changed = try await store.changeContacts(try Fixture.emailChange(cat, to: "cat@example.org"))
        guard case .changed(let versionID, let fields, 0) = changed else {
            Issue.record("not changed: \(changed)")
            return
        }
        #expect(fields == ["email"])
        #expect(try await email(store, of: cat) == ["cat@example.org"])
        let write = try #require(try await store.recentAuditEvents(limit: 2).first { $0.action == .write })
        #expect(write.people == [cat])
        #expect(write.dataClasses == [.contact])
        #expect(write.versions?.first == versionID)

        #expect(try await store.changeContacts(try Fixture.emailChange(cat, to: "cat@example.org")) == .unchanged)
        guard case .changed(let removal, ["email"], _) = try await store.changeContacts(try Fixture.emailChange(cat, to: nil)) else {
            Issue.record("the email was not removed")
            return
        }
        #expect(removal > versionID)
        #expect(try await email(store, of: cat) == [])
    }

    @Test(arguments: StoreEngine.allCases)
    func aRefusedChangeIsRecordedAndAlertedAndWritesNothing(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let cat = try await Fixture.personID(store, "AA-3")
        let refused = try Fixture.emailChange(cat, to: "cat@example.org", by: AccountID(4), decision: .refused)
        #expect(try await store.changeContacts(refused) == .outOfScope)
        #expect(try await email(store, of: cat) == [])
        #expect(try await store.alerts(all: false, limit: 5).map(\.kind) == [.outOfScope])
        let record = try #require(try await store.recentAuditEvents(limit: 2).first { $0.action == .write })
        #expect(record.outcome == .refused)
        #expect(record.people == [cat])
        #expect(record.versions == nil)
        #expect(try await store.changeContacts(try Fixture.emailChange(PersonID(999), to: "x@example.org")) == .notFound)
    }
}
