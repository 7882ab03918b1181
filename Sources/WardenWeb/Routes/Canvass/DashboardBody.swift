import WardenCore
import WardenServices

/// A campaign dashboard as the API's JSON: names rather than identifiers, suppressed
/// counts as `null`.
struct DashboardBody: Encodable, Sendable {
    var campaign: String
    var total: Slice
    var areas: [AreaSlice]
    var days: [DaySlice]

    struct Slice: Encodable, Sendable {
        var doors: Int?
        var attempts: Int?
        var spoke: Int?
        var contactRate: Int?
        /// Suppressed counts are `null`.
        var intentions: [String: Int?]
        init(_ tally: CampaignDashboard.Tally) {
            doors = tally.doors
            attempts = tally.attempts
            spoke = tally.spoke
            contactRate = tally.contactRate
            intentions = tally.intentions
        }
    }
    struct AreaSlice: Encodable, Sendable { var area: String; var level: AreaLevel; var tally: Slice }
    struct DaySlice: Encodable, Sendable { var day: CalendarDate; var tally: Slice }

    init(_ dashboard: CampaignDashboard) {
        campaign = dashboard.campaign.name
        total = .init(dashboard.total)
        areas = dashboard.areas.map { .init(area: $0.area.name, level: $0.area.level, tally: .init($0.tally)) }
        days = dashboard.days.map { .init(day: $0.day, tally: .init($0.tally)) }
    }
}
