import Testing
@testable import Charts

@Suite("Escaping")
struct EscapingTests {
    @Test("Each XML special character is escaped", arguments: [
        ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\"", "&quot;"), ("'", "&#39;"),
    ])
    func specialCharacters(raw: String, escaped: String) {
        #expect(SVGWriter.escape("a\(raw)b") == "a\(escaped)b")
    }

    @Test("Characters XML forbids become U+FFFD; ordinary text is untouched")
    func forbiddenCharacters() {
        #expect(SVGWriter.escape("N\u{0}o\u{1B}rth") == "N\u{FFFD}o\u{FFFD}rth")
        #expect(SVGWriter.escape("Ynys Môn\tWest\n") == "Ynys Môn\tWest\n")
    }

    @Test("Hostile area and series names cannot inject markup into a bar chart")
    func hostileBarChart() throws {
        let title = "Doors <b>knocked</b> & \"friends\" 'quoted'"
        let category = "<script>alert('x')</script>"
        let name = "A&B\"/><svg onload=alert(1)>"
        let chart = StackedBarChart(title: title, categories: [category, "Safe"], series: [
            ChartSeries(name: name, values: [3, nil]),
        ])
        let markup = chart.svg()
        #expect(!markup.contains("<script"))
        #expect(!markup.contains("<b>"))
        #expect(!markup.contains("<svg onload"))
        #expect(markup.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))

        let parsed = try #require(ParsedSVG(markup))
        #expect(parsed.all("script").isEmpty)
        #expect(parsed.all("svg").count == 1)
        #expect(parsed.all("title").first?.text == title)
        #expect(parsed.texts(classed: "legend-label").contains(name))
        #expect(parsed.tooltips.contains("\(category), \(name): 3"))
    }

    @Test("Hostile labels and units cannot inject markup into a line chart")
    func hostileLineChart() throws {
        let chart = LineChart(
            title: "</title><script>x</script>",
            labels: ["2024-05-01", "</text>\u{7}"],
            series: [ChartSeries(name: "<g>", values: [1, 2])],
            unit: "<%>",
            suppressedLabel: "<5&"
        )
        let markup = chart.svg()
        #expect(!markup.contains("<script"))
        #expect(!markup.contains("<%>"))
        let parsed = try #require(ParsedSVG(markup))
        #expect(parsed.all("script").isEmpty)
        #expect(parsed.texts(classed: "y-label").contains("2<%>"))
        #expect(parsed.texts(classed: "x-label").contains("</text>\u{FFFD}"))
    }
}
