/// Maps values onto the plot's vertical extent and draws the gridlines and tick labels that go with it.
struct ValueAxis {
    let scale: NiceScale
    /// The y coordinate of zero.
    let baseline: Double
    /// The y coordinate of `scale.top`; below the plot top when room is reserved for placeholders.
    let topY: Double

    /// Tick label text, e.g. "40%".
    static func label(for tick: Int, unit: String) -> String {
        "\(tick)\(unit)"
    }

    /// The y coordinate of `value`, clamped to the axis so out-of-range data cannot leave the plot.
    func y(for value: Int) -> Double {
        let clamped = min(max(value, 0), scale.top)
        return baseline - (baseline - topY) * Double(clamped) / Double(scale.top)
    }

    func draw(into writer: inout SVGWriter, plot: PlotArea, unit: String) {
        writer.open("g", ["class": "y-axis"])
        for tick in scale.ticks {
            let tickY = y(for: tick)
            writer.leaf("line", [
                "class": "grid",
                "x1": plot.left.svgNumber, "x2": plot.right.svgNumber, "y1": tickY.svgNumber, "y2": tickY.svgNumber,
                "stroke": Palette.grid,
            ])
            writer.element("text", [
                "class": "y-label",
                "x": (plot.left - 6).svgNumber,
                "y": (tickY + 4).svgNumber,
                "text-anchor": "end",
                "fill": Palette.text,
            ], text: Self.label(for: tick, unit: unit))
        }
        writer.close("g")
    }

    /// The zero line, drawn over the data so bars sit on it.
    func drawBaseline(into writer: inout SVGWriter, plot: PlotArea) {
        let y = baseline.svgNumber
        writer.leaf("line", [
            "class": "axis",
            "x1": plot.left.svgNumber, "x2": plot.right.svgNumber, "y1": y, "y2": y,
            "stroke": Palette.axis,
        ])
    }
}
