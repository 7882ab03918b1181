/// A chart's numbers as a table, shown beside the picture: for readers who want the figures,
/// and for screen readers, which cannot read bars.
///
/// It is built from the same series as the picture, so it withholds exactly what the picture
/// withholds: a suppressed cell reads as the chart's suppressed label (e.g. "<5"), never a number.
public struct ChartTable: Sendable, Hashable {
    /// The chart's title, used as the table's caption.
    public var caption: String
    /// The heading of the first column, which names each row's category (e.g. "Ward", "Day").
    public var categoryHeading: String
    /// One heading per series.
    public var seriesNames: [String]
    public var rows: [Row]

    public struct Row: Sendable, Hashable {
        public var category: String
        /// One cell per series: a value with its unit, the suppressed label, or "" when not supplied.
        public var cells: [String]
    }

    init(caption: String, categoryHeading: String, categories: [String], series: [ChartSeries], unit: String, suppressedLabel: String) {
        self.caption = caption
        self.categoryHeading = categoryHeading
        seriesNames = series.map(\.name)
        rows = categories.indices.map { index in
            Row(category: categories[index], cells: series.map { line in
                switch line.cell(at: index) {
                case .count(let value): "\(value)\(unit)"
                case .suppressed: suppressedLabel
                case .missing: ""
                }
            })
        }
    }
}

extension StackedBarChart {
    /// The chart's figures, one row per category (see ``ChartTable``).
    public func table(categoryHeading: String) -> ChartTable {
        ChartTable(caption: title, categoryHeading: categoryHeading, categories: categories, series: series, unit: "", suppressedLabel: suppressedLabel)
    }
}

extension LineChart {
    /// The chart's figures, one row per label (see ``ChartTable``).
    public func table(categoryHeading: String) -> ChartTable {
        ChartTable(caption: title, categoryHeading: categoryHeading, categories: labels, series: series, unit: unit, suppressedLabel: suppressedLabel)
    }
}
