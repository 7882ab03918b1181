/// CSV as an export writes it (RFC 4180, CRLF line ends), safe to open in a spreadsheet.
///
/// A spreadsheet runs a cell starting with `=`, `+`, `-` or `@` as a formula, and some treat a
/// leading tab or carriage return the same way: a name typed as `=HYPERLINK(…)` on a doorstep
/// would run on the recipient's machine (CSV injection). Such a cell gets a leading `'`, which
/// spreadsheets show as text and do not evaluate; every cell is quoted, so no value can split
/// a row or a column.
public enum ExportCSV {
    /// The characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// One cell, neutralised and quoted.
    public static func cell(_ value: String) -> String {
        var text = value
        if let first = text.first, formulaStarts.contains(first) { text = "'" + text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// One row, ending in CRLF.
    public static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    /// A cell as it was before ``cell(_:)`` neutralised it (for tracing a leaked copy).
    public static func unneutralised(_ cell: String) -> String {
        guard cell.hasPrefix("'"), let second = cell.dropFirst().first, formulaStarts.contains(second) else { return cell }
        return String(cell.dropFirst())
    }
}
