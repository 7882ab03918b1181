import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// Areas and their aggregates: what an import puts in each area is counted where it lives,
/// and every store counts the same.
@Suite("Store contract: areas")
struct AreaContractTests {
    @Test(arguments: StoreEngine.allCases)
    func countsAndSummariesReflectTheRegisterAndTheMembers(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        _ = try await Fixture.importMembers(store, [Fixture.member("M1", "Ann", house: 1), Fixture.member("M2", "Zed", house: 9)])
        #expect(try await store.counts() == StoreCounts(people: 6, electors: 5, households: 5, members: 2, areas: 7))

        let district = try #require(try await store.areaSummary(try await Fixture.area(store, "AA")))
        #expect(district.area.code == "AA")
        #expect(district.ancestors.map(\.name) == ["England", "Region", "Constituency", "North Ward"])
        #expect(district.children.isEmpty)
        #expect(district.electors == 4)
        #expect(district.households == 3)
        #expect(district.members == 1)  // Ann lives here; Zed is only in its ward's branch

        let constituency = try #require(try await store.areaSummary(try await Fixture.area(store, "C")))
        #expect(constituency.children.map(\.name) == ["North Ward", "South Ward"])
        #expect(constituency.electors == 5)
        #expect(constituency.members == 2)
        let south = try #require(try await store.areaSummary(try await Fixture.area(store, "W2")))
        #expect(south.electors == 1)
        #expect(south.members == 0)
    }

    @Test(arguments: StoreEngine.allCases)
    func anUnknownAreaHasNoSummaryAndARenameKeepsItsIdentity(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        _ = try await store.saveAreas(Fixture.areas, audit: Fixture.audit(.areasImported))
        #expect(try await store.areaSummary(AreaID(999)) == nil)
        let ward = try await Fixture.area(store, "W1")
        let renamed = AreaDefinition(level: .ward, code: "W1", name: "Northgate Ward", parentCode: "C")
        #expect(try await store.saveAreas([renamed], audit: Fixture.audit(.areasImported)) == 0)
        let areas = try await store.allAreas()
        #expect(areas.count == 7)
        #expect(areas.first { $0.id == ward }?.name == "Northgate Ward")
        #expect(areas.first { $0.code == "AA" }?.parentID == ward)
        #expect(try await store.recentAuditEvents(limit: 1).first?.action == .areasImported)
    }
}
