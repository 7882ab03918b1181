import WardenCore
@_spi(Gate) import WardenStore

/// Setting up canvassing for the contract tests: a campaign, its walk lists, assignments
/// and doorstep results.
extension Fixture {
    /// A campaign over the constituency through spring 2027.
    static func campaign(_ store: StoreUnderTest, _ name: String = "Spring", startsOn day: Int = 1) async throws -> Campaign {
        let constituency = try await area(store, "C")
        guard let starts = CalendarDate(year: 2027, month: 3, day: day), let ends = CalendarDate(year: 2027, month: 5, day: 6) else {
            throw WardenError.invalidRequest("campaign dates")
        }
        return try await store.createCampaign(NewCampaign(name: name, areaIDs: [constituency], startsOn: starts, endsOn: ends),
                                              createdBy: "organiser", audit: audit(.canvassOrganised))
    }

    /// A campaign with district AA's three households cut into one walk list.
    static func walkList(_ store: StoreUnderTest) async throws -> (campaign: Campaign, list: WalkList) {
        let campaign = try await campaign(store)
        let lists = try await store.cutWalkLists(
            WalkListCut(campaignID: campaign.id, pollingDistrictID: try await area(store, "AA"), doors: 10, createdBy: "organiser"),
            audit: audit(.canvassOrganised))
        guard let list = lists.first else { throw WardenError.notFound("walk list") }
        return (campaign, list)
    }

    /// Hands `list` to `account` for `hours` from `instant`, as the lifecycle decides.
    static func assignment(_ list: WalkListID, to account: AccountID, at instant: Timestamp = .now, hours: Int = 4) -> WalkListAssignmentRequest {
        WalkListAssignmentRequest(listID: list, accountID: account, grantedBy: "organiser", at: instant, audit: audit(.canvassOrganised)) { list, _ in
            try WalkListLifecycle.assign(list, hours: hours, at: instant)
        }
    }

    /// A doorstep result for `person` on `list`; with `answers`, sealed as those bytes under a
    /// new data key (version 1, wrapped as `[7]`) unless the person already has one.
    static func canvass(_ person: PersonID, on list: WalkList, _ outcome: ContactOutcome = .spoke, answers: [UInt8]? = nil,
                        decision: WriteDecision = .allowed(grantID: nil)) -> CanvassWriteRequest {
        CanvassWriteRequest(
            result: CanvassResult(personID: person, walkListID: list.id, outcome: outcome), campaignID: list.campaignID,
            uid: "contact-\(person.rawValue)-\(outcome.rawValue)",
            author: author(), audit: audit(.write), standing: nil, decide: { _ in decision },
            seal: { key in answers.map { SealedAnswers(ciphertext: $0, newKey: key == nil ? (kekVersion: 1, wrapped: [7]) : nil) } })
    }
}
