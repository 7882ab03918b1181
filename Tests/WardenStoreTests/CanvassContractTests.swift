import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// Doorstep results: a result is recorded with its sealed answers under the person's one
/// data key, read back for its campaign (narrowed to districts) with the access recorded,
/// shown on the walk list in walking order, and refused outside the writer's lists.
@Suite("Store contract: doorstep results")
struct CanvassContractTests {
    @Test(arguments: StoreEngine.allCases)
    func resultsAreReadBackForTheirCampaignWithTheirSealedAnswersAndOneKeyAPerson(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let (campaign, list) = try await Fixture.walkList(store)
        let ann = try await Fixture.personID(store, "AA-1")
        let cat = try await Fixture.personID(store, "AA-3")
        guard case .recorded(let first) = try await store.recordCanvass(Fixture.canvass(ann, on: list, answers: [1, 2, 3])),
              case .recorded = try await store.recordCanvass(Fixture.canvass(cat, on: list, .notIn)),
              case .recorded = try await store.recordCanvass(Fixture.canvass(ann, on: list, .comeBack, answers: [4]))
        else {
            Issue.record("a result was not recorded")
            return
        }
        let contacts = try await store.campaignContacts(campaign.id, districts: nil, audit: Fixture.audit(.read))
        #expect(contacts.map(\.personID) == [ann, cat, ann])
        #expect(contacts.map(\.outcome) == [.spoke, .notIn, .comeBack])
        let spoke = try #require(contacts.first)
        #expect(spoke.id == first)
        #expect(spoke.uid == "contact-\(ann.rawValue)-spoke")
        #expect(spoke.campaignID == campaign.id)
        #expect(spoke.walkListID == list.id)
        #expect(spoke.pollingDistrictID == list.pollingDistrictID)
        #expect(spoke.householdID != nil)
        #expect(spoke.channel == .door)
        #expect(spoke.sealedAnswers == [1, 2, 3])
        #expect(spoke.wrappedKey?.kekVersion == 1)
        #expect(spoke.wrappedKey?.wrapped == [7])
        #expect(contacts[1].sealedAnswers == nil)
        #expect(contacts[1].wrappedKey == nil)
        #expect(contacts[2].wrappedKey == spoke.wrappedKey)  // the key made for Ann's first answers
        let access = try #require(try await store.recentAuditEvents(limit: 1).first)
        #expect(access.action == .read)
        #expect(access.dataClasses == [.specialCategory])

        #expect(try await store.campaignContacts(campaign.id, districts: [list.pollingDistrictID], audit: Fixture.audit(.read)).count == 3)
        let south = try await Fixture.area(store, "BA")
        #expect(try await store.campaignContacts(campaign.id, districts: [south], audit: Fixture.audit(.read)).isEmpty)
        #expect(try await store.campaignContacts(campaign.id, districts: [], audit: Fixture.audit(.read)).isEmpty)
        #expect(try await store.recentAuditEvents(limit: 1).first?.dataClasses == [])
    }

    @Test(arguments: StoreEngine.allCases)
    func aWalkListIsReadInWalkingOrderWithItsResults(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let (_, list) = try await Fixture.walkList(store)
        let ann = try await Fixture.personID(store, "AA-1")
        _ = try await store.recordCanvass(Fixture.canvass(ann, on: list, .refused))
        let everyone = try await store.readPeople(Fixture.read(.walkList(list.id, stop: nil)))
        #expect(everyone.people.map(\.record.person.name.forenames) == ["Ann", "Bob", "Dan", "Cat"])
        #expect(everyone.people.first?.record.canvass?.map(\.outcome) == [.refused])
        #expect(everyone.people.first?.record.walkLists == [list.id])
        let secondStop = try await store.readPeople(Fixture.read(.walkList(list.id, stop: 2)))
        #expect(secondStop.people.map(\.record.person.name.forenames) == ["Dan"])
    }

    @Test(arguments: StoreEngine.allCases)
    func aResultOutsideTheWritersListsIsRefusedRecordedAndAlerted(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let (campaign, list) = try await Fixture.walkList(store)
        let eve = try await Fixture.personID(store, "BA-1")
        #expect(try await store.recordCanvass(Fixture.canvass(eve, on: list, answers: [1], decision: .refused)) == .outOfScope)
        #expect(try await store.alerts(all: false, limit: 5).map(\.kind) == [.outOfScope])
        let refusal = try #require(try await store.recentAuditEvents(limit: 1).first)
        #expect(refusal.outcome == .refused)
        #expect(refusal.people == [eve])
        #expect(try await store.recordCanvass(Fixture.canvass(PersonID(999), on: list)) == .notFound)
        #expect(try await store.campaignContacts(campaign.id, districts: nil, audit: Fixture.audit(.read)).isEmpty)
        #expect(try await store.keyEncryptionUsage().isEmpty)
    }
}
