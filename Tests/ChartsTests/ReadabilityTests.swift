import Testing
@testable import Charts

/// Charts people can read: text at a size that survives being shown in a page's column, figures
/// as a table that withholds what the picture withholds, and a first day that says its numbers.
@Suite("Readability")
struct ReadabilityTests {
    @Test("Drawn at the size it is shown: 420 px wide, body text 13 px, title 15 px")
    func sizes() throws {
        let chart = StackedBarChart(title: "Wards", categories: ["North", "South"], series: [ChartSeries(name: "Labour", values: [3, 9])])
        let root = try #require(ParsedSVG(chart.svg())?.root)
        #expect(root.number("width") == 420)
        #expect(root.attributes["viewBox"] == "0 0 420 300")
        #expect(root.number("font-size") == 13)
        let title = try #require(ParsedSVG(chart.svg())?.all("text", classed: "chart-title").first)
        #expect(title.number("font-size") == 15)
        // In a phone's 360 px column the body text is still at least 11 px.
        #expect(13.0 * 360 / 420 >= 11)
    }

    @Test("The table has the chart's figures, with the suppressed label and never a number for a suppressed cell")
    func table() {
        let chart = StackedBarChart(title: "Voting intention by ward", categories: ["North", "South"], series: [
            ChartSeries(name: "Labour", values: [12, nil]),
            ChartSeries(name: "Green", values: [7]),
        ])
        let table = chart.table(categoryHeading: "Ward")
        #expect(table.caption == "Voting intention by ward")
        #expect(table.categoryHeading == "Ward")
        #expect(table.seriesNames == ["Labour", "Green"])
        #expect(table.rows == [
            ChartTable.Row(category: "North", cells: ["12", "7"]),
            ChartTable.Row(category: "South", cells: ["<5", ""]),
        ])
        let rate = LineChart(title: "Contact rate", labels: ["2026-12-01"], series: [ChartSeries(name: "Contact rate", values: [40])], unit: "%")
        #expect(rate.table(categoryHeading: "Day").rows == [ChartTable.Row(category: "2026-12-01", cells: ["40%"])])
    }

    @Test("A day series with one day labels each point with its value; with two days it draws lines and no labels")
    func oneDay() throws {
        let first = LineChart(title: "Doors", labels: ["2026-12-01"], series: [
            ChartSeries(name: "Doors", values: [40]), ChartSeries(name: "Spoke", values: [12]),
        ])
        let parsed = try #require(ParsedSVG(first.svg()))
        #expect(parsed.texts(classed: "point-label") == ["Doors: 40", "Spoke: 12"])
        #expect(parsed.texts(classed: "x-label") == ["2026-12-01"])

        let two = LineChart(title: "Doors", labels: ["2026-12-01", "2026-12-02"], series: [ChartSeries(name: "Doors", values: [40, 50])])
        let twoParsed = try #require(ParsedSVG(two.svg()))
        #expect(twoParsed.texts(classed: "point-label").isEmpty)
        #expect(twoParsed.all("path", classed: "line").count == 1)
    }
}
