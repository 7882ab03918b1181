/// A line chart over time, e.g. doors knocked per day, or contact rate (percent) per day.
///
/// Suppressed points break the line rather than being interpolated across, since joining the
/// neighbours would imply a value; each one gets a hatched marker on the baseline instead.
/// With a single label (a campaign's first day) there is no line to read, so each point is
/// labelled with its series and value beside it.
public struct LineChart: Sendable, Hashable {
    /// Used for the SVG `<title>`, which is also the chart's accessible name, and shown above the plot.
    public var title: String
    /// The x axis labels (e.g. ISO dates), one per point.
    public var labels: [String]
    /// The lines; `nil` points are gaps (suppressed), drawn as breaks in the line.
    public var series: [ChartSeries]
    /// Appended to y-axis tick labels and tooltip values, e.g. "" or "%".
    public var unit: String
    /// Shown in place of any suppressed value, so the reader learns the threshold but not the count.
    public var suppressedLabel: String

    /// Creates a chart; `unit` labels values (not the suppression label, which is a count threshold).
    public init(title: String, labels: [String], series: [ChartSeries], unit: String = "", suppressedLabel: String = "<5") {
        self.title = title
        self.labels = labels
        self.series = series
        self.unit = unit
        self.suppressedLabel = suppressedLabel
    }

    /// Size of one suppressed marker on the baseline.
    private static let markerHeight = 12.0
    private static let markerMaximumWidth = 16.0
    private static let pointRadius = 4.0

    /// The chart as a standalone <svg> element (no XML prolog), ready to inline in HTML.
    /// Draw it at about the size it is shown (see `TextMetrics`). Sizes are clamped to
    /// 160...10 000 × 120...10 000; the output is identical for identical input.
    public func svg(width: Int = 420, height: Int = 300) -> String {
        let identifier = ChartIdentifier(kind: "line", title: title)
        let rows = series.map { line in labels.indices.map { line.cell(at: $0) } }
        guard rows.joined().contains(where: { $0.plottedValue > 0 }) else {
            return ChartCanvas.noData(identifier: identifier, title: title, width: width, height: height)
        }
        let scale = NiceScale(maximum: rows.joined().map(\.plottedValue).max() ?? 0)
        let layout = ChartLayout(
            width: width,
            height: height,
            legendEntries: LegendEntry.entries(
                for: series,
                showsSuppressed: rows.joined().contains(.suppressed),
                suppressedLabel: suppressedLabel
            ),
            tickLabels: scale.ticks.map { ValueAxis.label(for: $0, unit: unit) }
        )
        let plot = layout.plot
        let axis = ValueAxis(scale: scale, baseline: plot.bottom, topY: plot.top)

        var writer = SVGWriter()
        ChartCanvas.open(&writer, identifier: identifier, title: title, layout: layout)
        axis.draw(into: &writer, plot: plot, unit: unit)
        axis.drawBaseline(into: &writer, plot: plot)
        drawSuppressedMarkers(rows, plot: plot, hatchFill: identifier.hatchFill, into: &writer)
        writer.open("g", ["class": "lines"])
        for (seriesIndex, row) in rows.enumerated() {
            drawLine(row, seriesIndex: seriesIndex, axis: axis, plot: plot, into: &writer)
        }
        writer.close("g")
        XAxisLabels.draw(labels, plot: plot, into: &writer)
        writer.close("svg")
        return writer.markup
    }

    private func drawLine(_ row: [ChartCell], seriesIndex: Int, axis: ValueAxis, plot: PlotArea, into writer: inout SVGWriter) {
        let className = Palette.className(forSeries: seriesIndex)
        let colour = Palette.colour(forSeries: seriesIndex, of: series)
        var commands: [String] = []
        var previousWasPoint = false
        for (index, cell) in row.enumerated() {
            guard case .count = cell else {
                previousWasPoint = false
                continue
            }
            let point = "\(plot.slotCentre(index: index, count: labels.count).svgNumber) \(axis.y(for: cell.plottedValue).svgNumber)"
            commands.append((previousWasPoint ? "L" : "M") + point)
            previousWasPoint = true
        }
        if !commands.isEmpty {
            writer.leaf("path", [
                "class": "line \(className)",
                "fill": "none", "stroke": colour, "stroke-width": "2", "stroke-linejoin": "round",
                "d": commands.joined(separator: " "),
            ])
        }
        for (index, cell) in row.enumerated() {
            guard case .count(let value) = cell else { continue }
            writer.open("circle", [
                "class": "point \(className)",
                "fill": colour,
                "cx": plot.slotCentre(index: index, count: labels.count).svgNumber,
                "cy": axis.y(for: cell.plottedValue).svgNumber,
                "r": Self.pointRadius.svgNumber,
            ])
            writer.element("title", text: ChartCanvas.tooltip(category: labels[index], series: series[seriesIndex].name, value: "\(value)\(unit)"))
            writer.close("circle")
            if labels.count == 1 {
                writer.element("text", [
                    "class": "point-label",
                    "x": (plot.slotCentre(index: index, count: 1) + Self.pointRadius * 3).svgNumber,
                    "y": (axis.y(for: cell.plottedValue) + TextMetrics.bodySize / 3).svgNumber,
                    "fill": Palette.text,
                ], text: "\(series[seriesIndex].name): \(value)\(unit)")
            }
        }
    }

    /// One hatched marker per suppressed point, stacked upwards from the baseline at its x position.
    private func drawSuppressedMarkers(_ rows: [[ChartCell]], plot: PlotArea, hatchFill: String, into writer: inout SVGWriter) {
        let markerWidth = min(plot.slotWidth(count: labels.count) * 0.8, Self.markerMaximumWidth)
        writer.open("g", ["class": "suppressed-points"])
        for (index, label) in labels.enumerated() {
            let suppressedSeries = rows.indices.filter { rows[$0][index] == .suppressed }
            for (position, seriesIndex) in suppressedSeries.enumerated() {
                ChartCanvas.placeholder(
                    &writer,
                    x: plot.slotCentre(index: index, count: labels.count) - markerWidth / 2,
                    y: plot.bottom - Self.markerHeight * Double(position + 1),
                    width: markerWidth, height: Self.markerHeight,
                    tooltip: ChartCanvas.tooltip(category: label, series: series[seriesIndex].name, value: suppressedLabel),
                    label: suppressedLabel, hatchFill: hatchFill
                )
            }
        }
        writer.close("g")
    }
}
