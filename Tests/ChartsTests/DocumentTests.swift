import Testing
@testable import Charts

@Suite("Document structure")
struct DocumentTests {
    static let intention = StackedBarChart(
        title: "Voting intention by ward",
        categories: ["North Ward", "South Ward", "East Ward"],
        series: (0..<10).map { ChartSeries(name: "Party \($0)", values: [$0 * 5, nil, 12]) }
    )
    static let contactRate = LineChart(
        title: "Contact rate",
        labels: ["2024-05-01", "2024-05-02", "2024-05-03"],
        series: [
            ChartSeries(name: "North Ward", values: [41, nil, 38]),
            ChartSeries(name: "South Ward", values: [nil, 29, 33]),
        ],
        unit: "%"
    )

    /// Named so parameterized test output shows the case, not the whole SVG.
    enum Sample: CaseIterable {
        case intention, intentionClampedSize, contactRate, smallContactRate, emptyBar, allSuppressedLine

        var markup: String {
            switch self {
            case .intention: DocumentTests.intention.svg()
            case .intentionClampedSize: DocumentTests.intention.svg(width: 1, height: 1)
            case .contactRate: DocumentTests.contactRate.svg()
            case .smallContactRate: DocumentTests.contactRate.svg(width: 300, height: 200)
            case .emptyBar: StackedBarChart(title: "Empty", categories: [], series: []).svg()
            case .allSuppressedLine:
                LineChart(title: "Empty", labels: ["2024-05-01"], series: [ChartSeries(name: "A", values: [nil])]).svg()
            }
        }
    }

    enum EmptySample: CaseIterable {
        case barWithoutCategories, barWithoutSeries, barAllZeroOrSuppressed, lineWithoutLabels, lineAllZeroOrSuppressed

        var markup: String {
            switch self {
            case .barWithoutCategories:
                StackedBarChart(title: "T", categories: [], series: [ChartSeries(name: "A", values: [1])]).svg()
            case .barWithoutSeries:
                StackedBarChart(title: "T", categories: ["A"], series: []).svg()
            case .barAllZeroOrSuppressed:
                StackedBarChart(title: "T", categories: ["A", "B"], series: [ChartSeries(name: "A", values: [0, nil])]).svg()
            case .lineWithoutLabels:
                LineChart(title: "T", labels: [], series: [ChartSeries(name: "A", values: [4])]).svg()
            case .lineAllZeroOrSuppressed:
                LineChart(title: "T", labels: ["d1", "d2"], series: [ChartSeries(name: "A", values: [nil, 0])]).svg()
            }
        }
    }

    @Test("Every chart is well-formed, accessible SVG", arguments: Sample.allCases)
    func wellFormed(sample: Sample) throws {
        let markup = sample.markup
        #expect(!markup.hasPrefix("<?xml"))
        let parsed = try #require(ParsedSVG(markup))
        let root = try #require(parsed.root)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["viewBox"]?.hasPrefix("0 0 ") == true)
        let titleID = try #require(root.attributes["aria-labelledby"])
        #expect(parsed.all("title").first { $0.attributes["id"] == titleID } != nil)
        #expect(!markup.contains("nil"))
        #expect(!markup.contains("Optional"))
        for element in parsed.elements where element.name == "rect" {
            #expect((element.number("width") ?? 0) >= 0)
            #expect((element.number("height") ?? 0) >= 0)
        }
    }

    @Test("Rendering is deterministic")
    func deterministic() {
        #expect(Self.intention.svg() == Self.intention.svg())
        #expect(Self.contactRate.svg() == Self.contactRate.svg())
        let copy = StackedBarChart(title: Self.intention.title, categories: Self.intention.categories, series: Self.intention.series)
        #expect(copy.svg(width: 800) == Self.intention.svg(width: 800))
    }

    @Test("Ids come from FNV-1a, so they are stable across processes and differ per title and kind")
    func stableIdentifiers() {
        #expect(ChartIdentifier.fnv1a32("") == 0x811c_9dc5)
        #expect(ChartIdentifier.fnv1a32("a") == 0xe40c_292c)
        #expect(ChartIdentifier.fnv1a32("foobar") == 0xbf9c_f968)
        #expect(ChartIdentifier(kind: "line", title: "A").prefix == "chart-" + String(ChartIdentifier.fnv1a32("line\u{1F}A"), radix: 16))
        #expect(ChartIdentifier(kind: "line", title: "A") != ChartIdentifier(kind: "line", title: "B"))
        #expect(ChartIdentifier(kind: "line", title: "A") != ChartIdentifier(kind: "stacked-bar", title: "A"))
        #expect(Self.intention.svg().contains(ChartIdentifier(kind: "stacked-bar", title: Self.intention.title).hatchID))
    }

    @Test("The legend lists every series, and ten series get ten colours")
    func legend() throws {
        let parsed = try #require(ParsedSVG(Self.intention.svg()))
        let labels = parsed.texts(classed: "legend-label")
        #expect(labels == Self.intention.series.map(\.name) + ["Suppressed (<5)"])
        let swatches = parsed.all("rect", classed: "swatch").filter { !$0.classes.contains("suppressed") }
        #expect(swatches.map { $0.classes.first { $0.hasPrefix("series-") } } == (0..<10).map { "series-\($0 % 12)" })
        #expect(Set(swatches.compactMap { $0.attributes["fill"] }).count == 10)

        let lineLegend = try #require(ParsedSVG(Self.contactRate.svg())).texts(classed: "legend-label")
        #expect(lineLegend == ["North Ward", "South Ward", "Suppressed (<5)"])
    }

    @Test("Line tick labels carry the unit")
    func units() throws {
        let parsed = try #require(ParsedSVG(Self.contactRate.svg()))
        #expect(parsed.texts(classed: "y-label") == ["0%", "10%", "20%", "30%", "40%", "50%"])
    }

    @Test("Empty input says \"No data yet\"", arguments: EmptySample.allCases)
    func empty(sample: EmptySample) throws {
        let parsed = try #require(ParsedSVG(sample.markup))
        #expect(parsed.texts(classed: "no-data") == ["No data yet"])
        #expect(parsed.all("rect").isEmpty)
        #expect(parsed.all("path").isEmpty)
        #expect(parsed.all("title").first?.text == "T")
    }

    @Test("Values out of the expected range neither trap nor escape the plot")
    func extremeValues() throws {
        let chart = StackedBarChart(title: "T", categories: ["A", "B"], series: [
            ChartSeries(name: "A", values: [.max, -4]),
            ChartSeries(name: "B", values: [.max, 3]),
        ])
        let parsed = try #require(ParsedSVG(chart.svg()))
        let topGrid = try #require(parsed.all("line", classed: "grid").last?.number("y1"))
        #expect(parsed.all("rect", classed: "bar").allSatisfy { ($0.number("y") ?? -1) >= topGrid - 0.01 })
        #expect(parsed.tooltips.contains("B, B: 3"))
    }

    @Test("Mismatched value counts: extra values are ignored, missing ones draw nothing")
    func mismatchedLengths() throws {
        let chart = StackedBarChart(title: "T", categories: ["A", "B"], series: [
            ChartSeries(name: "Long", values: [1, 2, 999]),
            ChartSeries(name: "Short", values: [5]),
        ])
        let parsed = try #require(ParsedSVG(chart.svg()))
        #expect(parsed.tooltips == ["A, Long: 1", "A, Short: 5", "B, Long: 2"])
    }

    @Test("A series drawn in its own colour, everywhere; a colour that is not #rrggbb is ignored")
    func ownColours() throws {
        let chart = StackedBarChart(title: "Intention", categories: ["North"], series: [
            ChartSeries(name: "Labour", values: [7], colour: "#e4003b"),
            ChartSeries(name: "Hostile", values: [6], colour: "red\" onload=\"alert(1)"),
        ])
        let svg = chart.svg()
        #expect(!svg.contains("onload"))
        let parsed = try #require(ParsedSVG(svg))
        let bars = parsed.all("rect", classed: "bar")
        #expect(bars.first?.attributes["fill"] == "#e4003b")
        #expect(parsed.all("rect", classed: "swatch").first?.attributes["fill"] == "#e4003b")
        #expect(bars.last?.attributes["fill"]?.hasPrefix("#") == true && bars.last?.attributes["fill"]?.count == 7)
    }
}
