public import WardenCore
import WardenServices

extension TestWarden {
    /// A campaign over the constituency with one walk list in North AA (1 Mill Lane: Ann and
    /// Bob Lee), assigned to `canvasser` when given; made by the operator.
    public func walkList(assignedTo canvasser: String? = nil, hours: Int = 2) async throws -> WalkList {
        let areas = try await warden.areas.all()
        guard let constituency = areas.first(where: { $0.code == "C" }), let district = areas.first(where: { $0.code == "AA" }) else {
            throw WardenError.notFound("test areas")
        }
        let now = Timestamp.now
        let campaign = try await warden.canvass.createCampaign(
            NewCampaign(name: "Test canvass", areaIDs: [constituency.id], startsOn: now.date, endsOn: now.adding(days: 7).date),
            actor: .localOperator)
        let lists = try await warden.canvass.cutWalkLists(campaign: campaign.id, district: district.id, doors: 10, actor: .localOperator)
        guard let list = lists.first else { throw WardenError.notFound("a walk list") }
        guard let canvasser else { return list }
        return try await warden.canvass.assign(list.id, to: canvasser, hours: hours, actor: .localOperator)
    }

    /// The actor `username` signs in as now, with fresh grants.
    public func actor(_ username: String) async throws -> Actor {
        try await signIn(username).actor
    }
}
