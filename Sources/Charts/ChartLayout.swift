/// Where the title, legend and plot area sit for one render, shared by every chart kind.
struct ChartLayout {
    /// Sizes are clamped to this range so the plot never has negative extent and coordinates stay small.
    static let widthRange = 160...10_000
    static let heightRange = 120...10_000
    static let edgeMargin = 16.0
    static let titleBaseline = 22.0
    static let legendTop = 36.0
    static let xLabelSpace = 34.0

    let width: Double
    let height: Double
    let legend: LegendLayout
    let plot: PlotArea

    /// Lays out a chart whose y axis shows `tickLabels`, reserving room for the widest of them.
    init(width: Int, height: Int, legendEntries: [LegendEntry], tickLabels: [String]) {
        let size = Self.clampedSize(width: width, height: height)
        let legend = LegendLayout(
            entries: legendEntries,
            left: Self.edgeMargin,
            top: Self.legendTop,
            maxWidth: size.width - 2 * Self.edgeMargin
        )
        let widestTick = tickLabels.map { TextMetrics.width(of: $0, fontSize: TextMetrics.bodySize) }.max() ?? 0
        let left = Self.edgeMargin + widestTick + 8
        let top = legend.bottom + 12
        self.width = size.width
        self.height = size.height
        self.legend = legend
        self.plot = PlotArea(
            left: left,
            top: top,
            width: max(size.width - Self.edgeMargin - left, 1),
            height: max(size.height - Self.xLabelSpace - top, 1)
        )
    }

    /// The drawing size actually used for a requested size.
    static func clampedSize(width: Int, height: Int) -> (width: Double, height: Double) {
        (
            Double(min(max(width, widthRange.lowerBound), widthRange.upperBound)),
            Double(min(max(height, heightRange.lowerBound), heightRange.upperBound))
        )
    }
}

/// The rectangle data is drawn in, divided into one equal slot per category.
struct PlotArea: Hashable, Sendable {
    let left: Double
    let top: Double
    let width: Double
    let height: Double

    var right: Double { left + width }
    var bottom: Double { top + height }

    /// Width of each category's slot when `count` categories share the plot.
    func slotWidth(count: Int) -> Double {
        width / Double(max(count, 1))
    }

    /// Horizontal centre of the slot for category `index`.
    func slotCentre(index: Int, count: Int) -> Double {
        left + slotWidth(count: count) * (Double(index) + 0.5)
    }
}

/// Approximate text widths. The server cannot measure fonts, so layout uses an average glyph width
/// that errs wide, which keeps labels from colliding.
///
/// The sizes are for a chart shown at about the size it is drawn (420 px wide by default): a
/// page scales the chart to its column, so text drawn at 13 px stays 13 px on a laptop and about
/// 11 px in a phone's 360 px column. Drawn wider and shrunk, labels became unreadable.
enum TextMetrics {
    static let bodySize = 13.0
    static let titleSize = 15.0
    static let placeholderSize = 11.0

    static func width(of text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.62
    }
}
