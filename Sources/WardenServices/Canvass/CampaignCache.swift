import Synchronization
import WardenCore

/// Campaigns, and where each walk list belongs, kept in memory once read: every doorstep
/// result needs its list's campaign survey to check the answers, and every doorstep page its
/// list's district to check the reader; neither a campaign nor a list's campaign and district
/// ever changes after it is created.
final class CampaignCache: Sendable {
    private let campaigns = Mutex<[CampaignID: Campaign]>([:])
    private let lists = Mutex<[WalkListID: ListPlace]>([:])

    /// A walk list's campaign and polling district.
    struct ListPlace: Sendable {
        var campaignID: CampaignID
        var pollingDistrictID: AreaID

        init(_ list: WalkList) {
            campaignID = list.campaignID
            pollingDistrictID = list.pollingDistrictID
        }
    }

    func campaign(_ id: CampaignID, load: () async throws -> Campaign?) async throws -> Campaign? {
        if let cached = campaigns.withLock({ $0[id] }) { return cached }
        guard let campaign = try await load() else { return nil }
        campaigns.withLock { $0[id] = campaign }
        return campaign
    }

    func place(of list: WalkListID, load: () async throws -> WalkList?) async throws -> ListPlace? {
        if let cached = lists.withLock({ $0[list] }) { return cached }
        guard let loaded = try await load() else { return nil }
        let place = ListPlace(loaded)
        lists.withLock { $0[list] = place }
        return place
    }
}
