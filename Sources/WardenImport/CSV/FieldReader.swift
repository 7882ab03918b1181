public import WardenCore

/// Reads one record's fields by column and collects what is wrong with them.
///
/// Problems name the column as the file's header spells it and say what is wrong; they
/// never repeat the value, because the value is personal data.
struct FieldReader {
    let record: CSVRecord
    let headers: [String]
    let file: String
    private(set) var problems: [ImportProblem] = []
    /// Whether the record has as many fields as the header. When it has not, its fields
    /// cannot be trusted to sit under their columns, and layouts report only that.
    let isWhole: Bool

    /// Starts reading `record`, noting at once a row narrower or wider than the header: a
    /// cut-off line or an unquoted comma, whose values would land under the wrong columns.
    init(record: CSVRecord, headers: [String], file: String) {
        self.record = record
        self.headers = headers
        self.file = file
        isWhole = record.fields.count == headers.count
        if !isWhole {
            let count = record.fields.count == 1 ? "1 field" : "\(record.fields.count) fields"
            let hint = record.fields.count > headers.count ? " (an unquoted comma?)" : ""
            problem(field: "row", "\(count), the header has \(headers.count)\(hint)")
        }
    }

    /// The field in `column`, spaces tidied; empty when the column is absent. For values
    /// that are parsed (numbers, dates, flags) rather than stored as they are.
    func value(_ column: Int?) -> String {
        guard let column, column < record.fields.count else { return "" }
        return Normalize.spaces(record.fields[column])
    }

    /// Text to be stored as it is (a name, an address line, a code), checked first.
    ///
    /// Text made only of whitespace and invisible characters counts as empty, so a
    /// zero-width space is no surname. Otherwise a control character (NUL, ESC, BEL, a line
    /// break), a bidirectional control or an invisible format character (``isHidden(_:)``)
    /// is a problem, as is text longer than `limit` Unicode scalars (see ``ImportLimits``).
    /// After a problem the text is still returned, so that it is not also reported missing.
    mutating func text(_ column: Int?, limit: Int) -> String {
        guard let column else { return "" }
        let text = value(column)
        // Nearly every field is printable ASCII, trimmed: safe, and empty only when it is empty.
        if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) {
            if text.utf8.count > limit { problem(column, "longer than \(limit) characters") }
            return text
        }
        guard !text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace || SafeText.isUnsafe($0) }) else { return "" }
        if text.unicodeScalars.contains(where: Self.isHidden) {
            problem(column, "contains a control, bidirectional or invisible character")
        } else if text.unicodeScalars.count > limit {
            problem(column, "longer than \(limit) characters")
        }
        return text
    }

    /// Characters stored text must not hold: those ``SafeText/isUnsafe(_:)`` names, and the
    /// Unicode line and paragraph separators (U+2028, U+2029), which break a line as CR and LF do.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        if SafeText.isUnsafe(scalar) { return true }
        let category = scalar.properties.generalCategory
        return category == .lineSeparator || category == .paragraphSeparator
    }

    /// Whether a problem was already noted on `column`, so that it is not reported twice.
    func hasProblem(in column: Int) -> Bool {
        problems.contains { $0.field == headers[column] }
    }

    mutating func problem(_ column: Int, _ text: String) {
        problem(field: headers[column], text)
    }

    mutating func problem(field: String, _ text: String) {
        problems.append(ImportProblem(file: file, line: record.line, field: field, problem: text))
    }

    /// A date in `column`, `nil` when empty; a problem when it is not a date.
    mutating func date(_ column: Int?) -> CalendarDate? {
        guard let column, !value(column).isEmpty else { return nil }
        guard let date = CalendarDate(parsing: value(column)) else {
            problem(column, "not a date (expected DD/MM/YYYY or YYYY-MM-DD)")
            return nil
        }
        return date
    }

    /// A yes/no flag in `column` (Y, YES, 1, TRUE / N, NO, 0, FALSE or empty).
    mutating func flag(_ column: Int?) -> Bool {
        guard let column else { return false }
        let text = value(column).uppercased()
        if ["Y", "YES", "1", "TRUE"].contains(text) { return true }
        if !["", "N", "NO", "0", "FALSE"].contains(text) { problem(column, "expected Y or N") }
        return false
    }
}
