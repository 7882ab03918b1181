import Testing
@testable import Charts

@Suite("Layout")
struct LayoutTests {
    @Test("Stacked segments are proportional: 30 over a maximum of 60 is half the plot height")
    func proportionalHeights() throws {
        let chart = StackedBarChart(title: "Doors", categories: ["A", "B"], series: [
            ChartSeries(name: "Knocked", values: [30, 20]),
            ChartSeries(name: "Leafleted", values: [nil, 40]),
        ])
        let parsed = try #require(ParsedSVG(chart.svg()))
        let grid = parsed.all("line", classed: "grid").compactMap { $0.number("y1") }
        let zeroY = try #require(grid.first)
        let sixtyY = try #require(grid.last)
        #expect(parsed.texts(classed: "y-label").last == "60")
        let plotHeight = zeroY - sixtyY

        let bars = parsed.all("rect", classed: "bar")
        try #require(bars.count == 3)
        let a = try #require(bars[0].number("height"))
        #expect(abs(a - plotHeight / 2) < 0.02)
        #expect(abs((bars[0].number("y") ?? 0) - (zeroY - plotHeight / 2)) < 0.02)

        let lower = try #require(bars[1].number("height"))
        let upper = try #require(bars[2].number("height"))
        #expect(abs(lower - plotHeight / 3) < 0.02)
        #expect(abs(upper - plotHeight * 2 / 3) < 0.02)
        #expect(abs((bars[2].number("y") ?? 0) + upper - (bars[1].number("y") ?? 0)) < 0.02)
        #expect(bars[1].classes.contains("series-0"))
        #expect(bars[2].classes.contains("series-1"))
    }

    @Test("Dense x axes skip labels; sparse ones show them all")
    func thinnedLabels() throws {
        let days = (1...90).map { "2024-\($0 <= 31 ? "05" : $0 <= 61 ? "06" : "07")-\($0)" }
        let dense = LineChart(title: "Doors per day", labels: days, series: [
            ChartSeries(name: "Doors", values: days.indices.map { $0 * 3 }),
        ])
        let denseLabels = try #require(ParsedSVG(dense.svg())).texts(classed: "x-label")
        #expect(denseLabels.count > 1)
        #expect(denseLabels.count < 20)
        #expect(denseLabels.first == days.first)
        let stride = try #require(days.firstIndex(of: denseLabels[1]))
        #expect(denseLabels == Swift.stride(from: 0, to: days.count, by: stride).map { days[$0] })

        let sparse = StackedBarChart(title: "Wards", categories: ["A", "B", "C", "D", "E"], series: [
            ChartSeries(name: "Doors", values: [1, 2, 3, 4, 5]),
        ])
        #expect(try #require(ParsedSVG(sparse.svg())).texts(classed: "x-label") == ["A", "B", "C", "D", "E"])
    }

    @Test("Stride grows with label width and shrinks with slot width")
    func strideRule() {
        #expect(XAxisLabels.stride(for: ["A"], slotWidth: 100) == 1)
        #expect(XAxisLabels.stride(for: ["2024-05-01"], slotWidth: 10) > XAxisLabels.stride(for: ["2024-05-01"], slotWidth: 40))
        #expect(XAxisLabels.stride(for: ["A", "A very long ward name indeed"], slotWidth: 20) > 1)
    }

    @Test("Long area names are shortened on the axis but kept whole in tooltips")
    func longNames() throws {
        let name = "Bishopsgate and Aldgate East Riverside"
        let chart = StackedBarChart(title: "T", categories: [name], series: [ChartSeries(name: "Labour", values: [5])])
        let parsed = try #require(ParsedSVG(chart.svg()))
        #expect(parsed.texts(classed: "x-label") == [XAxisLabels.displayed(name)])
        #expect(XAxisLabels.displayed(name).count == XAxisLabels.maximumCharacters)
        #expect(parsed.tooltips == ["\(name), Labour: 5"])
    }

    @Test("Coordinates print compactly with at most two decimals")
    func numberFormatting() {
        #expect(0.0.svgNumber == "0")
        #expect(12.5.svgNumber == "12.5")
        #expect(3.14159.svgNumber == "3.14")
        #expect(0.07.svgNumber == "0.07")
        #expect((-2.25).svgNumber == "-2.25")
        #expect((-0.001).svgNumber == "0")
    }
}
