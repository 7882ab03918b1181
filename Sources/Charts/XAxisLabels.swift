/// Category labels under the plot. Dense axes (a ward's 90 days, a borough's 60 districts) show
/// every n-th label so text never overlaps; tooltips still carry every full name.
enum XAxisLabels {
    /// Longer area names are shortened with an ellipsis so one long name cannot thin the whole axis.
    static let maximumCharacters = 18
    /// Minimum clear space between neighbouring labels.
    static let gap = 6.0

    /// The label as drawn on the axis.
    static func displayed(_ label: String) -> String {
        guard label.count > maximumCharacters else { return label }
        return String(label.prefix(maximumCharacters - 1)) + "…"
    }

    /// Draw every `stride`-th label so the widest one fits in the space it is given.
    static func stride(for labels: [String], slotWidth: Double) -> Int {
        let widest = labels.map { TextMetrics.width(of: displayed($0), fontSize: TextMetrics.bodySize) }.max() ?? 0
        guard slotWidth > 0 else { return max(labels.count, 1) }
        return max(1, Int(((widest + gap) / slotWidth).rounded(.up)))
    }

    static func draw(_ labels: [String], plot: PlotArea, into writer: inout SVGWriter) {
        let stride = stride(for: labels, slotWidth: plot.slotWidth(count: labels.count))
        writer.open("g", ["class": "x-axis"])
        for (index, label) in labels.enumerated() where index % stride == 0 {
            writer.element("text", [
                "class": "x-label",
                "x": plot.slotCentre(index: index, count: labels.count).svgNumber,
                "y": (plot.bottom + 16).svgNumber,
                "text-anchor": "middle",
                "fill": Palette.text,
            ], text: displayed(label))
        }
        writer.close("g")
    }
}
