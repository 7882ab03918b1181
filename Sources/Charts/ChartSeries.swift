/// One named series of a chart, e.g. a party in an intention breakdown.
///
/// Values are aggregates that have already been through small-count suppression upstream,
/// so the renderer never sees (and therefore can never leak) a suppressed number: a `nil`
/// value is a suppressed cell and is drawn as a hatched placeholder instead.
public struct ChartSeries: Sendable, Hashable {
    /// Shown in the legend and in every tooltip for this series.
    public var name: String
    /// One value per category (or label), in order; `nil` means the cell was suppressed.
    /// Values beyond the chart's categories are ignored; missing trailing values are not drawn.
    public var values: [Int?]
    /// A colour the series should have wherever it is drawn (a party's, by convention), as
    /// `#rrggbb`; anything else is ignored and the palette's colour used.
    public var colour: String?

    /// Creates a series; `nil` values mark cells suppressed before rendering.
    public init(name: String, values: [Int?], colour: String? = nil) {
        self.name = name
        self.values = values
        self.colour = colour
    }

    /// The series' cell for one category, distinguishing "suppressed" from "not supplied".
    func cell(at index: Int) -> ChartCell {
        guard values.indices.contains(index) else { return .missing }
        guard let value = values[index] else { return .suppressed }
        return .count(value)
    }
}

/// What a series holds for one category once the caller's array has been read defensively.
enum ChartCell: Hashable, Sendable {
    case count(Int)
    case suppressed
    case missing

    /// The amount this cell contributes to geometry; counts cannot be negative, so negatives plot as zero.
    var plottedValue: Int {
        guard case .count(let value) = self else { return 0 }
        return max(value, 0)
    }

    /// Sum of the plotted values, saturating rather than trapping so hostile data cannot crash the server.
    static func total(of cells: [ChartCell]) -> Int {
        cells.reduce(0) { sum, cell in
            let (result, overflow) = sum.addingReportingOverflow(cell.plottedValue)
            return overflow ? Int.max : result
        }
    }
}
