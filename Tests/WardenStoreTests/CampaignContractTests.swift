import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// Campaigns and the cutting of walk lists: campaigns are listed newest first, a district
/// is cut into lists in walking order once per campaign, and only a district is cut.
@Suite("Store contract: campaigns and walk lists")
struct CampaignContractTests {
    @Test(arguments: StoreEngine.allCases)
    func campaignsAreReadBackAndListedLatestStartFirst(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let early = try await Fixture.campaign(store, "Early", startsOn: 1)
        let late = try await Fixture.campaign(store, "Late", startsOn: 10)
        #expect(early.name == "Early")
        let constituency = try await Fixture.area(store, "C")
        #expect(early.areaIDs == [constituency])
        #expect(early.startsOn == CalendarDate(year: 2027, month: 3, day: 1))
        #expect(early.survey == .standard)
        #expect(try await store.campaigns().map(\.id) == [late.id, early.id])
        #expect(try await store.campaign(early.id) == early)
        #expect(try await store.campaign(CampaignID(999)) == nil)
        #expect(try await store.recentAuditEvents(limit: 1).first?.action == .canvassOrganised)
    }

    @Test(arguments: StoreEngine.allCases)
    func aDistrictIsCutInWalkingOrderOncePerCampaign(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let (campaign, list) = try await Fixture.walkList(store)
        let district = try await Fixture.area(store, "AA")
        #expect(list.name == "AA 1 of 1")
        #expect(list.doors == 3)
        #expect(list.pollingDistrictID == district)
        #expect(list.campaignID == campaign.id)
        #expect(list.assignment == nil)
        #expect(try await store.walkLists(campaign: campaign.id) == [list])
        #expect(try await store.walkList(list.id) == list)
        #expect(try await store.walkList(WalkListID(999)) == nil)

        func household(_ number: String) async throws -> HouseholdID {
            try #require(try await Fixture.person(store, number)?.person.householdID)
        }
        // Up the odd side of Mill Lane (1, 3), back down the even side (2).
        let walkingOrder = [try await household("AA-1"), try await household("AA-4"), try await household("AA-3")]
        // A read of the list brings its walking order in the same transaction.
        let read = try await store.readPeople(Fixture.read(.walkList(list.id, stop: nil)))
        #expect(read.walkList?.list == list)
        #expect(read.walkList?.positions == Dictionary(uniqueKeysWithValues: zip(walkingOrder, 1...)))

        let again = WalkListCut(campaignID: campaign.id, pollingDistrictID: district, doors: 1, createdBy: "organiser")
        await #expect(throws: StoreError.self) { _ = try await store.cutWalkLists(again, audit: Fixture.audit(.canvassOrganised)) }
        #expect(try await store.walkLists(campaign: campaign.id) == [list])

        let other = try await Fixture.campaign(store, "Other")
        let small = try await store.cutWalkLists(WalkListCut(campaignID: other.id, pollingDistrictID: district, doors: 1, createdBy: "organiser"),
                                                 audit: Fixture.audit(.canvassOrganised))
        #expect(small.map(\.name) == ["AA 1 of 3", "AA 2 of 3", "AA 3 of 3"])
        #expect(small.map(\.doors) == [1, 1, 1])
        #expect(try await store.walkLists(campaign: other.id) == small)
    }

    @Test(arguments: StoreEngine.allCases)
    func onlyAPollingDistrictOfAnExistingCampaignIsCut(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let campaign = try await Fixture.campaign(store)
        let ward = WalkListCut(campaignID: campaign.id, pollingDistrictID: try await Fixture.area(store, "W1"), doors: 10, createdBy: "o")
        await #expect(throws: StoreError.self) { _ = try await store.cutWalkLists(ward, audit: Fixture.audit(.canvassOrganised)) }
        let nowhere = WalkListCut(campaignID: CampaignID(999), pollingDistrictID: try await Fixture.area(store, "AA"), doors: 10, createdBy: "o")
        await #expect(throws: StoreError.self) { _ = try await store.cutWalkLists(nowhere, audit: Fixture.audit(.canvassOrganised)) }
        #expect(try await store.walkLists(campaign: campaign.id).isEmpty)
    }
}
