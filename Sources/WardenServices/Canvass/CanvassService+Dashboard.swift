public import WardenCore
import WardenGate

extension CanvassService {
    /// A campaign's progress in the actor's organising scope, as suppressed aggregates.
    ///
    /// The answers are opened inside the server to count intentions; only the counts leave,
    /// every count from 1 to 4 withheld, and with it whatever would let it be worked out
    /// across areas, days and the total. The access is logged as a read of special category
    /// data naming no one.
    public func dashboard(_ id: CampaignID, actor: Actor) async throws -> CampaignDashboard {
        let all = try await areasByID()
        let contacts = try await gate.campaignTally(id, areas: all, actor: actor)
        let campaign = try await self.campaign(id)

        var total = RawTally()
        var byArea: [AreaID: RawTally] = [:]
        var byDay: [CalendarDate: RawTally] = [:]
        for contact in contacts {
            func add(_ tally: inout RawTally) { tally.add(household: contact.householdID, outcome: contact.outcome, intention: contact.intention) }
            add(&total)
            add(&byDay[contact.at.date, default: RawTally()])
            for area in Area.chain(from: contact.pollingDistrictID, in: all) where [.ward, .pollingDistrict].contains(area.level) {
                add(&byArea[area.id, default: RawTally()])
            }
        }
        let intentions = campaign.survey.parties + Survey.otherIntentions
        let areas = byArea.compactMap { id, tally in all[id].map { (area: $0, tally: tally) } }
            .sorted { ($0.area.level.depth, $0.area.name) < ($1.area.level.depth, $1.area.name) }
        let days = byDay.sorted { $0.key < $1.key }.map { (day: $0.key, tally: $0.value) }
        // Suppressed as one table: a figure withheld in one row must not come back as the
        // difference between its ward, its total or its day and the other rows.
        return CampaignDashboard.publish(campaign: campaign, total: total, areas: areas, days: days, intentions: intentions)
    }
}
