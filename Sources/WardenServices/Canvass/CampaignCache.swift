import Synchronization
import WardenCore

/// Campaigns, and the campaign of each walk list, kept in memory once read: every doorstep
/// result needs its list's campaign survey to check the answers, and neither a campaign nor a
/// list's campaign ever changes after it is created.
final class CampaignCache: Sendable {
    private let campaigns = Mutex<[CampaignID: Campaign]>([:])
    private let lists = Mutex<[WalkListID: CampaignID]>([:])

    func campaign(_ id: CampaignID, load: () async throws -> Campaign?) async throws -> Campaign? {
        if let cached = campaigns.withLock({ $0[id] }) { return cached }
        guard let campaign = try await load() else { return nil }
        campaigns.withLock { $0[id] = campaign }
        return campaign
    }

    func campaignID(of list: WalkListID, load: () async throws -> CampaignID?) async throws -> CampaignID? {
        if let cached = lists.withLock({ $0[list] }) { return cached }
        guard let id = try await load() else { return nil }
        lists.withLock { $0[list] = id }
        return id
    }
}
