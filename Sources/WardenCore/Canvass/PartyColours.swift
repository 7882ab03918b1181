/// The colours people in Britain expect for each party on a chart (Labour red, Conservative
/// blue, Liberal Democrat orange, …), and neutral greys for the answers that name no party,
/// so a dashboard is read at a glance and never gives a party another's colour.
public enum PartyColours {
    /// By the answer as a survey writes it, compared without case.
    static let conventional: [String: String] = [
        "labour": "#e4003b", "conservative": "#0087dc", "liberal democrat": "#faa61a", "lib dem": "#faa61a",
        "green": "#02a95b", "reform": "#12b6cf", "reform uk": "#12b6cf", "snp": "#fdf38e", "plaid cymru": "#005b54",
        "other": "#8c6d31",
        "undecided": "#bdbdbd", "won't say": "#9e9e9e", "won't vote": "#616161",
    ]

    /// The colour for `answer`, or `nil` for one without a convention (the chart's palette then).
    public static func colour(for answer: String) -> String? {
        conventional[answer.lowercased().replacingApostrophes()]
    }
}

private extension String {
    /// Curly apostrophes as straight ones: "Won’t say" is "Won't say".
    func replacingApostrophes() -> String { String(map { $0 == "\u{2019}" ? "'" : $0 }) }
}
