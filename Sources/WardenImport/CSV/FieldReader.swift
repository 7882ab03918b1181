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

    /// Starts reading `record`, noting at once a row wider than the header (an unquoted comma).
    init(record: CSVRecord, headers: [String], file: String) {
        self.record = record
        self.headers = headers
        self.file = file
        if record.fields.count > headers.count {
            problem(field: "row", "\(record.fields.count) fields but the header has \(headers.count) (an unquoted comma?)")
        }
    }

    /// The field in `column`, spaces tidied; empty when the column is absent.
    func value(_ column: Int?) -> String {
        guard let column, column < record.fields.count else { return "" }
        return Normalize.spaces(record.fields[column])
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
