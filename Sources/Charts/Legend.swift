/// One legend item: a series, or the key explaining what the suppression hatch means.
struct LegendEntry: Hashable, Sendable {
    enum Swatch: Hashable, Sendable {
        case series(Int, colour: String)
        case suppressed
    }

    let label: String
    let swatch: Swatch

    /// Entries for every series, plus a hatch key when the chart actually shows suppressed cells.
    static func entries(for series: [ChartSeries], showsSuppressed: Bool, suppressedLabel: String) -> [LegendEntry] {
        let seriesEntries = series.enumerated().map { LegendEntry(label: $1.name, swatch: .series($0, colour: Palette.colour(forSeries: $0, of: series))) }
        guard showsSuppressed else { return seriesEntries }
        return seriesEntries + [LegendEntry(label: "Suppressed (\(suppressedLabel))", swatch: .suppressed)]
    }
}

/// Legend items flowed left to right into as many rows as the chart width needs.
struct LegendLayout {
    struct Item: Hashable, Sendable {
        let entry: LegendEntry
        let x: Double
        let y: Double
    }

    static let rowHeight = 18.0
    static let swatchSize = 12.0
    static let swatchGap = 4.0
    static let itemGap = 14.0

    let items: [Item]
    /// The y coordinate just below the last row.
    let bottom: Double

    init(entries: [LegendEntry], left: Double, top: Double, maxWidth: Double) {
        var items: [Item] = []
        var x = left
        var y = top
        for entry in entries {
            let itemWidth = Self.swatchSize + Self.swatchGap
                + TextMetrics.width(of: entry.label, fontSize: TextMetrics.bodySize)
            if x > left, x + itemWidth > left + maxWidth {
                x = left
                y += Self.rowHeight
            }
            items.append(Item(entry: entry, x: x, y: y))
            x += itemWidth + Self.itemGap
        }
        self.items = items
        self.bottom = items.isEmpty ? top : y + Self.rowHeight
    }

    func draw(into writer: inout SVGWriter, hatchFill: String) {
        writer.open("g", ["class": "legend"])
        for item in items {
            let x = item.x.svgNumber
            let y = (item.y + 1).svgNumber
            let size = Self.swatchSize.svgNumber
            switch item.entry.swatch {
            case .series(let index, let colour):
                writer.leaf("rect", [
                    "class": "swatch \(Palette.className(forSeries: index))",
                    "fill": colour,
                    "x": x, "y": y, "width": size, "height": size,
                ])
            case .suppressed:
                writer.leaf("rect", [
                    "class": "swatch suppressed",
                    "fill": hatchFill, "stroke": Palette.suppressedInk,
                    "x": x, "y": y, "width": size, "height": size,
                ])
            }
            writer.element("text", [
                "class": "legend-label",
                "x": (item.x + Self.swatchSize + Self.swatchGap).svgNumber,
                "y": (item.y + Self.swatchSize).svgNumber,
                "fill": Palette.text,
            ], text: item.entry.label)
        }
        writer.close("g")
    }
}
