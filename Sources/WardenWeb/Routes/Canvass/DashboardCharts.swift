import Charts
import WardenCore

/// A campaign dashboard drawn on the server as SVG charts, so the page needs no script.
enum DashboardCharts {
    /// Intentions per ward and per district, and progress over time.
    static func svgs(_ dashboard: CampaignDashboard) -> [String] {
        func intentions(_ rows: [(String, CampaignDashboard.Tally)]) -> [ChartSeries] {
            dashboard.intentions.map { name in ChartSeries(name: name, values: rows.map { $0.1.intentions[name] ?? 0 }, colour: PartyColours.colour(for: name)) }
        }
        let wards = dashboard.areas.filter { $0.area.level == .ward }.map { ($0.area.name, $0.tally) }
        let districts = dashboard.areas.filter { $0.area.level == .pollingDistrict }.map { ($0.area.code, $0.tally) }
        let days = dashboard.days.map { ($0.day.description, $0.tally) }
        return [
            StackedBarChart(title: "Voting intention by ward", categories: wards.map(\.0), series: intentions(wards)).svg(),
            StackedBarChart(title: "Voting intention by polling district", categories: districts.map(\.0), series: intentions(districts)).svg(),
            LineChart(title: "Doors knocked and people spoken to, by day", labels: days.map(\.0), series: [
                ChartSeries(name: "Doors", values: days.map(\.1.doors)), ChartSeries(name: "Spoke", values: days.map(\.1.spoke)),
            ]).svg(),
            LineChart(title: "Contact rate by day", labels: days.map(\.0),
                      series: [ChartSeries(name: "Contact rate", values: days.map(\.1.contactRate))], unit: "%").svg(),
            StackedBarChart(title: "Voting intention by day", categories: days.map(\.0), series: intentions(days)).svg(),
        ]
    }
}
