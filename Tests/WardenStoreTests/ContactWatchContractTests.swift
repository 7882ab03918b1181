import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// The watch a contact change runs in its own transaction: a burst of changes by one writer,
/// and changes by others to many members of a watched area, each alert the DPO once.
@Suite("Store contract: contact change watch")
struct ContactWatchContractTests {
    @Test(arguments: StoreEngine.allCases)
    func aBurstOfChangesByOneWriterAlertsOnce(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let writer = AccountID(9)
        let limits = WatchLimits(contactChanges: 2, membersInWatchedArea: 100)
        for (number, count) in [("AA-1", 0), ("AA-2", 0), ("AA-3", 1), ("AA-4", 1)] {
            let person = try await Fixture.personID(store, number)
            _ = try await store.changeContacts(try Fixture.emailChange(person, to: "\(number)@example.org", by: writer, watch: limits))
            #expect(try await store.alerts(all: false, limit: 5).count == count, "after \(number)")
        }
        let alert = try #require(try await store.alerts(all: false, limit: 5).first)
        #expect(alert.kind == .contactChanges)
        #expect(alert.accountID == writer)
    }

    @Test(arguments: StoreEngine.allCases)
    func changesToManyMembersOfAWatchedAreaAlertOnce(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        _ = try await Fixture.importMembers(store, [Fixture.member("M1", "Ann", house: 1), Fixture.member("M2", "Zed", house: 9)])
        let now = Timestamp.now
        _ = try await store.addWatchedPeriod(area: try await Fixture.area(store, "W1"), from: now.adding(seconds: -60), to: now.adding(days: 1),
                                             reason: "selection", createdBy: "dpo", audit: Fixture.audit(.investigation))
        let limits = WatchLimits(contactChanges: 100, membersInWatchedArea: 2)
        let ann = try await Fixture.personID(store, "M1")
        _ = try await store.changeContacts(try Fixture.emailChange(ann, to: "ann@example.net", watch: limits))
        #expect(try await store.alerts(all: false, limit: 5).isEmpty)
        let zed = try await Fixture.personID(store, "M2")
        _ = try await store.changeContacts(try Fixture.emailChange(zed, to: "zed@example.net", watch: limits))
        _ = try await store.changeContacts(try Fixture.emailChange(zed, to: "zed@example.com", watch: limits))
        let alerts = try await store.alerts(all: false, limit: 5)
        #expect(alerts.map(\.kind) == [.contactChanges])
        #expect(alerts.first?.actor == "watched area North Ward")
    }
}
