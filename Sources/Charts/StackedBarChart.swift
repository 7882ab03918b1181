/// A bar chart: categories along the x axis (wards, districts or days), one bar per category,
/// stacked by series.
///
/// Known counts stack from zero in series order, so every segment reads true against the axis.
/// Suppressed cells have no value to stack, so they sit above the known total as fixed-height
/// hatched placeholders in headroom reserved at the top of the plot.
public struct StackedBarChart: Sendable, Hashable {
    /// Used for the SVG `<title>`, which is also the chart's accessible name, and shown above the plot.
    public var title: String
    /// The x axis labels, one per bar.
    public var categories: [String]
    /// The stacked series, bottom first; each supplies one value per category.
    public var series: [ChartSeries]
    /// Shown in place of any suppressed value, so the reader learns the threshold but not the count.
    public var suppressedLabel: String

    /// Creates a chart; `suppressedLabel` should state the suppression threshold in use.
    public init(title: String, categories: [String], series: [ChartSeries], suppressedLabel: String = "<5") {
        self.title = title
        self.categories = categories
        self.series = series
        self.suppressedLabel = suppressedLabel
    }

    /// Most room reserved for suppressed placeholders, as a share of the plot height.
    private static let maximumHeadroomShare = 0.4
    /// Preferred height of one suppressed placeholder.
    private static let placeholderHeight = 12.0

    /// The chart as a standalone <svg> element (no XML prolog), ready to inline in HTML.
    /// Draw it at about the size it is shown (see `TextMetrics`). Sizes are clamped to
    /// 160...10 000 × 120...10 000; the output is identical for identical input.
    public func svg(width: Int = 420, height: Int = 300) -> String {
        let identifier = ChartIdentifier(kind: "stacked-bar", title: title)
        let columns = categories.indices.map { index in series.map { $0.cell(at: index) } }
        guard columns.joined().contains(where: { $0.plottedValue > 0 }) else {
            return ChartCanvas.noData(identifier: identifier, title: title, width: width, height: height)
        }
        let mostSuppressed = columns.map { column in column.count { $0 == .suppressed } }.max() ?? 0
        let scale = NiceScale(maximum: columns.map(ChartCell.total(of:)).max() ?? 0)
        let layout = ChartLayout(
            width: width,
            height: height,
            legendEntries: LegendEntry.entries(for: series, showsSuppressed: mostSuppressed > 0, suppressedLabel: suppressedLabel),
            tickLabels: scale.ticks.map { ValueAxis.label(for: $0, unit: "") }
        )
        let plot = layout.plot
        let headroom = min(Double(mostSuppressed) * Self.placeholderHeight, plot.height * Self.maximumHeadroomShare)
        let axis = ValueAxis(scale: scale, baseline: plot.bottom, topY: plot.top + headroom)

        var writer = SVGWriter()
        ChartCanvas.open(&writer, identifier: identifier, title: title, layout: layout)
        axis.draw(into: &writer, plot: plot, unit: "")
        writer.open("g", ["class": "bars"])
        for (index, column) in columns.enumerated() {
            drawBar(
                column, at: index, axis: axis, plot: plot,
                placeholderHeight: mostSuppressed > 0 ? headroom / Double(mostSuppressed) : 0,
                hatchFill: identifier.hatchFill, into: &writer
            )
        }
        writer.close("g")
        axis.drawBaseline(into: &writer, plot: plot)
        XAxisLabels.draw(categories, plot: plot, into: &writer)
        writer.close("svg")
        return writer.markup
    }

    private func drawBar(
        _ column: [ChartCell],
        at index: Int,
        axis: ValueAxis,
        plot: PlotArea,
        placeholderHeight: Double,
        hatchFill: String,
        into writer: inout SVGWriter
    ) {
        let slot = plot.slotWidth(count: categories.count)
        let barWidth = min(slot * 0.7, 64)
        let x = plot.slotCentre(index: index, count: categories.count) - barWidth / 2
        let category = categories[index]
        var stackedCells: [ChartCell] = []
        var suppressedSeries: [String] = []
        for (seriesIndex, cell) in column.enumerated() {
            switch cell {
            case .count(let value) where value > 0:
                let bottom = axis.y(for: ChartCell.total(of: stackedCells))
                stackedCells.append(cell)
                let top = axis.y(for: ChartCell.total(of: stackedCells))
                writer.open("rect", [
                    "class": "bar \(Palette.className(forSeries: seriesIndex))",
                    "fill": Palette.colour(forSeries: seriesIndex, of: series),
                    "x": x.svgNumber, "y": top.svgNumber,
                    "width": barWidth.svgNumber, "height": (bottom - top).svgNumber,
                ])
                writer.element("title", text: ChartCanvas.tooltip(category: category, series: series[seriesIndex].name, value: String(value)))
                writer.close("rect")
            case .suppressed:
                suppressedSeries.append(series[seriesIndex].name)
            case .count, .missing:
                break
            }
        }
        let stackTop = axis.y(for: ChartCell.total(of: stackedCells))
        for (position, name) in suppressedSeries.enumerated() {
            ChartCanvas.placeholder(
                &writer,
                x: x, y: stackTop - placeholderHeight * Double(position + 1),
                width: barWidth, height: placeholderHeight,
                tooltip: ChartCanvas.tooltip(category: category, series: name, value: suppressedLabel),
                label: suppressedLabel, hatchFill: hatchFill
            )
        }
    }
}
