import Charts
import WardenCore

/// A campaign dashboard drawn on the server as SVG charts, so the page needs no script, each
/// with its figures as a table beside it.
enum DashboardCharts {
    /// Intentions per ward and per district, and progress over time.
    static func figures(_ dashboard: CampaignDashboard) -> [ChartFigure] {
        func intentions(_ rows: [(String, CampaignDashboard.Tally)]) -> [ChartSeries] {
            dashboard.intentions.map { name in ChartSeries(name: name, values: rows.map { $0.1.intentions[name] ?? 0 }, colour: PartyColours.colour(for: name)) }
        }
        let wards = dashboard.areas.filter { $0.area.level == .ward }.map { ($0.area.name, $0.tally) }
        let districts = dashboard.areas.filter { $0.area.level == .pollingDistrict }.map { ($0.area.code, $0.tally) }
        let days = dashboard.days.map { ($0.day.readable, $0.tally) }
        return [
            ChartFigure(StackedBarChart(title: "Voting intention by ward", categories: wards.map(\.0), series: intentions(wards)), heading: "Ward"),
            ChartFigure(StackedBarChart(title: "Voting intention by polling district", categories: districts.map(\.0), series: intentions(districts)), heading: "Polling district"),
            ChartFigure(LineChart(title: "Doors knocked and people spoken to", labels: days.map(\.0), series: [
                ChartSeries(name: "Doors", values: days.map(\.1.doors)), ChartSeries(name: "Spoke", values: days.map(\.1.spoke)),
            ]), heading: "Day"),
            ChartFigure(LineChart(title: "Contact rate by day", labels: days.map(\.0),
                                  series: [ChartSeries(name: "Contact rate", values: days.map(\.1.contactRate))], unit: "%"), heading: "Day"),
            ChartFigure(StackedBarChart(title: "Voting intention by day", categories: days.map(\.0), series: intentions(days)), heading: "Day"),
        ]
    }
}

/// One chart on a page: the picture, and its figures as a table (``ChartTable``) for readers and
/// screen readers.
struct ChartFigure {
    var svg: String
    var table: ChartTable

    init(_ chart: StackedBarChart, heading: String) {
        svg = chart.svg()
        table = chart.table(categoryHeading: heading)
    }

    init(_ chart: LineChart, heading: String) {
        svg = chart.svg()
        table = chart.table(categoryHeading: heading)
    }
}
