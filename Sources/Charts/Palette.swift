/// Series colours and the neutral greys used around them.
///
/// Every mark carries a `series-N` class (cycling over eight) so the dashboard stylesheet can apply
/// party colours; the inline fallbacks keep the SVG legible where no stylesheet applies
/// (exports, email, a bare browser tab).
enum Palette {
    /// Fallback fills/strokes, chosen to stay distinguishable from each other and from the grey hatch.
    static let seriesColours = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2",
        "#59a14f", "#edc948", "#b07aa1", "#9c755f",
    ]
    /// Background of the suppressed-cell hatch.
    static let suppressedBackground = "#eeeeee"
    /// Hatch lines and outline of suppressed placeholders.
    static let suppressedInk = "#9e9e9e"
    /// Horizontal gridlines.
    static let grid = "#e0e0e0"
    /// The baseline.
    static let axis = "#616161"
    /// Titles, labels and legend text.
    static let text = "#424242"
    /// Secondary text such as the empty-state message.
    static let mutedText = "#757575"

    /// The stylesheet hook for a series.
    static func className(forSeries index: Int) -> String {
        "series-\(index % seriesColours.count)"
    }

    /// The inline colour used when no stylesheet overrides the series class.
    static func colour(forSeries index: Int) -> String {
        seriesColours[index % seriesColours.count]
    }
}
