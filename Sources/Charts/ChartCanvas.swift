/// The pieces every chart shares: the accessible root element, the hatch definition, the visible
/// title and legend, suppressed-cell placeholders, tooltips and the empty state.
enum ChartCanvas {
    /// Opens the root `<svg>` and writes everything above the plot. Close it with `writer.close("svg")`.
    static func open(
        _ writer: inout SVGWriter,
        identifier: ChartIdentifier,
        title: String,
        layout: ChartLayout
    ) {
        openRoot(&writer, identifier: identifier, title: title, width: layout.width, height: layout.height)
        writer.open("defs")
        writer.open("pattern", [
            "id": identifier.hatchID,
            "width": "6", "height": "6",
            "patternUnits": "userSpaceOnUse",
            "patternTransform": "rotate(45)",
        ])
        writer.leaf("rect", ["width": "6", "height": "6", "fill": Palette.suppressedBackground])
        writer.leaf("line", ["x1": "0", "y1": "0", "x2": "0", "y2": "6", "stroke": Palette.suppressedInk, "stroke-width": "2"])
        writer.close("pattern")
        writer.close("defs")
        layout.legend.draw(into: &writer, hatchFill: identifier.hatchFill)
    }

    /// A complete chart saying "No data yet", so an empty dashboard tile is still valid, labelled SVG.
    static func noData(identifier: ChartIdentifier, title: String, width: Int, height: Int) -> String {
        let size = ChartLayout.clampedSize(width: width, height: height)
        var writer = SVGWriter()
        openRoot(&writer, identifier: identifier, title: title, width: size.width, height: size.height)
        writer.element("text", [
            "class": "no-data",
            "x": (size.width / 2).svgNumber,
            "y": (size.height / 2).svgNumber,
            "text-anchor": "middle",
            "fill": Palette.mutedText,
        ], text: "No data yet")
        writer.close("svg")
        return writer.markup
    }

    /// Tooltip text for one cell, e.g. "North Ward, Labour: 42".
    static func tooltip(category: String, series: String, value: String) -> String {
        "\(category), \(series): \(value)"
    }

    /// A hatched stand-in for a suppressed cell. It shows `label` (e.g. "<5") and never a number,
    /// because the renderer is never given one.
    static func placeholder(
        _ writer: inout SVGWriter,
        x: Double, y: Double, width: Double, height: Double,
        tooltip: String, label: String, hatchFill: String
    ) {
        writer.open("g")
        writer.element("title", text: tooltip)
        writer.leaf("rect", [
            "class": "suppressed",
            "fill": hatchFill, "stroke": Palette.suppressedInk, "stroke-width": "0.5",
            "x": x.svgNumber, "y": y.svgNumber, "width": width.svgNumber, "height": height.svgNumber,
        ])
        if width >= 14, height >= TextMetrics.placeholderSize {
            writer.element("text", [
                "class": "suppressed-label",
                "x": (x + width / 2).svgNumber,
                "y": (y + height / 2 + 3).svgNumber,
                "text-anchor": "middle",
                "font-size": TextMetrics.placeholderSize.svgNumber,
                "fill": Palette.text,
            ], text: label)
        }
        writer.close("g")
    }

    private static func openRoot(
        _ writer: inout SVGWriter,
        identifier: ChartIdentifier,
        title: String,
        width: Double,
        height: Double
    ) {
        writer.open("svg", [
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": "0 0 \(width.svgNumber) \(height.svgNumber)",
            "width": width.svgNumber,
            "height": height.svgNumber,
            "role": "img",
            "aria-labelledby": identifier.titleID,
            "class": "warden-chart",
            "font-family": "system-ui, sans-serif",
            "font-size": TextMetrics.bodySize.svgNumber,
        ])
        writer.element("title", ["id": identifier.titleID], text: title)
        writer.element("text", [
            "class": "chart-title",
            "x": ChartLayout.edgeMargin.svgNumber,
            "y": ChartLayout.titleBaseline.svgNumber,
            "font-size": TextMetrics.titleSize.svgNumber,
            "font-weight": "600",
            "fill": Palette.text,
        ], text: title)
    }
}
