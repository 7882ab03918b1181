/// Series colours and the neutral greys used around them.
///
/// Every mark carries a `series-N` class (cycling over twelve) for a stylesheet to hook, and an
/// inline colour: the series' own (a party's) when it has one, otherwise the palette's, so the
/// SVG is legible where no stylesheet applies (email, a bare browser tab).
enum Palette {
    /// Fallback fills/strokes, chosen to stay distinguishable from each other and from the grey hatch.
    /// Twelve, so a survey's nine answers never share one.
    static let seriesColours = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2",
        "#59a14f", "#edc948", "#b07aa1", "#9c755f",
        "#ff9da7", "#6b6ecf", "#8c6d31", "#17becf",
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

    /// The inline colour of series `index` of `series`: its own when it is a `#rrggbb` colour
    /// (never anything else, which could break out of the attribute), otherwise the palette's.
    static func colour(forSeries index: Int, of series: [ChartSeries]) -> String {
        if series.indices.contains(index), let own = series[index].colour, isHexColour(own) { return own }
        return seriesColours[index % seriesColours.count]
    }

    static func isHexColour(_ text: String) -> Bool {
        text.count == 7 && text.first == "#" && text.dropFirst().allSatisfy(\.isHexDigit)
    }
}
