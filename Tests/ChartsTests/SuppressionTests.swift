import Testing
@testable import Charts

@Suite("Suppressed cells")
struct SuppressionTests {
    static let wards = ["North Ward", "South Ward", "East Ward"]

    @Test("A suppressed bar segment shows the label, never a number, and uses the hatch")
    func barPlaceholder() throws {
        let chart = StackedBarChart(title: "Intention", categories: Self.wards, series: [
            ChartSeries(name: "Labour", values: [42, nil, 17]),
            ChartSeries(name: "Green", values: [nil, 9, nil]),
        ])
        let parsed = try #require(ParsedSVG(chart.svg()))
        let identifier = ChartIdentifier(kind: "stacked-bar", title: "Intention")

        #expect(parsed.tooltips.contains("North Ward, Labour: 42"))
        #expect(parsed.tooltips.contains("South Ward, Labour: <5"))
        #expect(parsed.tooltips.contains("North Ward, Green: <5"))
        #expect(parsed.tooltips.contains("East Ward, Green: <5"))
        #expect(!parsed.tooltips.contains { $0.hasPrefix("South Ward, Labour: ") && $0 != "South Ward, Labour: <5" })

        let placeholders = parsed.all("rect", classed: "suppressed").filter { !$0.classes.contains("swatch") }
        #expect(placeholders.count == 3)
        #expect(placeholders.allSatisfy { $0.attributes["fill"] == "url(#\(identifier.hatchID))" })
        #expect(parsed.texts(classed: "suppressed-label") == ["<5", "<5", "<5"])
        #expect(parsed.all("pattern").map { $0.attributes["id"] } == [identifier.hatchID])
        #expect(parsed.texts(classed: "legend-label").contains("Suppressed (<5)"))
    }

    @Test("Suppressed cells never contribute to bar heights or the axis")
    func suppressedExcludedFromTotals() throws {
        let chart = StackedBarChart(title: "T", categories: ["A", "B"], series: [
            ChartSeries(name: "Labour", values: [nil, 7]),
        ])
        let parsed = try #require(ParsedSVG(chart.svg()))
        #expect(parsed.all("rect", classed: "bar").count == 1)
        #expect(parsed.texts(classed: "y-label") == ["0", "2", "4", "6", "8"])
    }

    @Test("A custom suppression label replaces the default everywhere")
    func customLabel() throws {
        let chart = StackedBarChart(
            title: "T", categories: ["A"],
            series: [ChartSeries(name: "Reform", values: [nil]), ChartSeries(name: "Labour", values: [20])],
            suppressedLabel: "<10"
        )
        let markup = chart.svg()
        #expect(!markup.contains("&lt;5"))
        let parsed = try #require(ParsedSVG(markup))
        #expect(parsed.tooltips.contains("A, Reform: <10"))
        #expect(parsed.texts(classed: "suppressed-label") == ["<10"])
    }

    @Test("Suppressed line points break the line and get hatched, labelled markers")
    func linePlaceholders() throws {
        let chart = LineChart(
            title: "Contact rate",
            labels: ["2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04", "2024-05-05"],
            series: [ChartSeries(name: "North Ward", values: [30, 35, nil, 40, 38])],
            unit: "%"
        )
        let parsed = try #require(ParsedSVG(chart.svg()))
        let path = try #require(parsed.all("path", classed: "line").first)
        let commands = (path.attributes["d"] ?? "").filter { $0.isLetter }
        #expect(commands == "MLML")
        #expect(parsed.all("circle", classed: "point").count == 4)
        #expect(parsed.tooltips.contains("2024-05-03, North Ward: <5"))
        #expect(parsed.tooltips.contains("2024-05-04, North Ward: 40%"))
        #expect(parsed.all("rect", classed: "suppressed").filter { !$0.classes.contains("swatch") }.count == 1)
        #expect(parsed.texts(classed: "suppressed-label") == ["<5"])
    }

    @Test("Without suppressed cells there is no hatch legend entry or placeholder")
    func noSuppression() throws {
        let chart = StackedBarChart(title: "T", categories: ["A"], series: [ChartSeries(name: "Labour", values: [20])])
        let parsed = try #require(ParsedSVG(chart.svg()))
        #expect(parsed.all("rect", classed: "suppressed").isEmpty)
        #expect(parsed.texts(classed: "legend-label") == ["Labour"])
    }
}
