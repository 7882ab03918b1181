import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// Investigations: the versions an account made in a window, a person's whole history, and
/// others' contact changes in an area, each version linked to the audit entry that wrote it,
/// and each read recorded in the same call.
@Suite("Store contract: investigations")
struct TraceContractTests {
    /// An investigation's audit entry, naming how many versions it found.
    static func investigation(_ found: [VersionChange]) -> AuditEvent {
        var event = Fixture.audit(.investigation)
        event.detail = "\(found.count) versions"
        return event
    }

    @Test(arguments: StoreEngine.allCases)
    func anAccountsChangesInAWindowComeWithTheirEntriesAndHistories(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let (cat, bob, dan) = (try await Fixture.personID(store, "AA-3"), try await Fixture.personID(store, "AA-2"), try await Fixture.personID(store, "AA-4"))
        let now = Timestamp.now
        let mallory = AccountID(5)
        _ = try await store.changeContacts(try Fixture.emailChange(cat, to: "cat@example.org", by: mallory, at: now))
        _ = try await store.changeContacts(try Fixture.emailChange(bob, to: "bob@example.org", by: mallory, at: now))
        _ = try await store.changeContacts(try Fixture.emailChange(dan, to: "dan@example.org", by: AccountID(6), at: now))

        let found = try await store.changes(byAccount: mallory, from: now.adding(seconds: -60), to: now.adding(seconds: 60), histories: true,
                                            audit: Self.investigation)
        #expect(found.window.map(\.version.personID) == [cat, bob])
        #expect(found.window.allSatisfy { $0.version.accountID == mallory && $0.version.fields == ["email"] })
        #expect(found.window.allSatisfy { $0.previous != nil && $0.placement == found.window[0].placement })
        let entryIndex = try #require(found.window.first?.entryIndex)
        let entry = try #require(try await store.logEntry(index: UInt64(entryIndex)))
        #expect(AuditEvent(entry: entry)?.people == [cat])
        #expect(AuditEvent(entry: entry)?.versions?.first == found.window.first?.version.id)
        #expect(Set(found.histories.keys) == [cat, bob])
        #expect(found.histories[cat]?.count == 2)  // registered, then changed
        #expect(found.histories[cat]?.last == found.window.first)
        #expect(try await store.recentAuditEvents(limit: 1).first?.detail == "2 versions")

        let bare = try await store.changes(byAccount: mallory, from: now.adding(seconds: -60), to: now.adding(seconds: 60), histories: false,
                                           audit: Self.investigation)
        #expect(bare.window == found.window)
        #expect(bare.histories.isEmpty)
        let later = try await store.changes(byAccount: mallory, from: now.adding(seconds: 1), to: now.adding(seconds: 60), histories: true,
                                            audit: Self.investigation)
        #expect(later.window.isEmpty)
        #expect(try await store.recentAuditEvents(limit: 1).first?.detail == "0 versions")
    }

    @Test(arguments: StoreEngine.allCases)
    func aPersonsHistoryHasEveryVersionAndEveryEntryNamingThem(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let cat = try await Fixture.personID(store, "AA-3")
        _ = try await store.changeContacts(try Fixture.emailChange(cat, to: "cat@example.org"))
        _ = try await store.changeContacts(try Fixture.emailChange(cat, to: "cat@example.net"))
        var audit = Fixture.audit(.investigation)
        audit.detail = "history of Cat"
        let (versions, events) = try await store.history(of: cat, audit: audit)
        #expect(versions.count == 3)
        #expect(versions.map(\.version.id) == versions.map(\.version.id).sorted())
        #expect(versions[0].previous == nil)
        #expect(versions[2].previous == versions[1].version.state)
        let writes = events.filter { $0.event.action == .write }
        #expect(writes.map(\.index) == versions.dropFirst().compactMap(\.entryIndex))
        #expect(events.allSatisfy { $0.event.people.contains(cat) })
        #expect(events.map(\.index) == events.map(\.index).sorted())
        #expect(try await store.recentAuditEvents(limit: 1).first?.detail == "history of Cat")
        #expect(try await store.history(of: PersonID(999), audit: audit).versions.isEmpty)
    }

    @Test(arguments: StoreEngine.allCases)
    func contactChangesInAnAreaAreOthersChangesOnly(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let (ann, bob, eve) = (try await Fixture.personID(store, "AA-1"), try await Fixture.personID(store, "AA-2"), try await Fixture.personID(store, "BA-1"))
        let bobsAccount = try await Fixture.account(store, "bob", personID: bob)
        let mallory = try await Fixture.account(store, "mallory")
        let now = Timestamp.now
        _ = try await store.changeContacts(try Fixture.emailChange(ann, to: "ann@example.org", by: mallory, at: now))
        _ = try await store.changeContacts(try Fixture.emailChange(bob, to: "bob@example.org", by: bobsAccount, at: now))
        _ = try await store.changeContacts(try Fixture.emailChange(eve, to: "eve@example.org", at: now))
        let window = (from: now.adding(seconds: -60), to: now.adding(seconds: 60))

        let (ward, district, constituency) = (try await Fixture.area(store, "W1"), try await Fixture.area(store, "AA"), try await Fixture.area(store, "C"))
        let north = try await store.contactChanges(in: [ward], from: window.from, to: window.to, audit: Self.investigation)
        #expect(north.map(\.version.personID) == [ann])
        #expect(north.first?.version.accountID == mallory)
        #expect(north.first?.placement == district)
        #expect(try await store.recentAuditEvents(limit: 1).first?.detail == "1 versions")
        let all = try await store.contactChanges(in: [constituency], from: window.from, to: window.to, audit: Self.investigation)
        #expect(all.map(\.version.personID) == [ann, eve])
        #expect(try await store.contactChanges(in: [constituency], from: now.adding(seconds: 1), to: window.to, audit: Self.investigation).isEmpty)
    }
}
