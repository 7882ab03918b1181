public import WardenCore

/// Streams a CSV import file as values of one kind, line by line, after reading its header.
///
/// The parse function is the layout's; the file never sits in memory whole, so a
/// million-row register costs one buffer.
public final class ImportFile<Value: Sendable>: IteratorProtocol, Sequence {
    public let reader: CSVReader
    public let header: [String]
    /// The layout recognised from the header, for reports.
    public let layoutName: String
    private let parse: (CSVRecord) -> Parsed<Value>
    /// Set when the file is not read to its end: it stops being readable part way (a quote
    /// never closed, a field or record past ``ImportLimits``), or too many lines had problems.
    public private(set) var readError: ImportProblem?

    /// Lines with problems so far, against ``ImportLimits/problemLines``.
    private var problemLines = 0

    /// Opens `reader`, reads the header, and builds the parser for its columns.
    public init(
        reader: CSVReader,
        makeParser: ([String]) throws(WardenError) -> (layout: String, parse: (CSVRecord) -> Parsed<Value>)
    ) throws(WardenError) {
        self.reader = reader
        do {
            guard let headerRecord = try reader.next() else {
                throw WardenError.invalidRequest("\(reader.fileName):1: header: the file is empty")
            }
            header = headerRecord.fields
        } catch let error as CSVError {
            throw .invalidRequest("\(error.file):\(error.line): header: \(error.problem)")
        } catch let error as WardenError {
            throw error
        } catch {
            throw .invalidRequest("\(reader.fileName): unreadable")
        }
        try Self.check(header: header, file: reader.fileName)
        (layoutName, parse) = try makeParser(header)
    }

    /// Refuses a header whose column names could not be shown in a problem: every problem
    /// names its column, so a name with control characters or of great length would reach
    /// the operator's terminal once per bad line.
    static func check(header: [String], file: String) throws(WardenError) {
        for (index, name) in header.enumerated() {
            if name.unicodeScalars.contains(where: FieldReader.isHidden) {
                throw .invalidRequest("\(file):1: header: column \(index + 1)'s name contains a control, bidirectional or invisible character")
            }
            if name.unicodeScalars.count > ImportLimits.headerName {
                throw .invalidRequest("\(file):1: header: column \(index + 1)'s name is longer than \(ImportLimits.headerName) characters")
            }
        }
    }

    /// The next line, parsed; `nil` at the end of the file, after a read error, or once
    /// ``ImportLimits/problemLines`` lines had problems (the last line says so).
    public func next() -> ImportLine<Value>? {
        guard readError == nil else { return nil }
        do {
            guard let record = try reader.next() else { return nil }
            let parsed = parse(record)
            guard case .problems(let problems) = parsed else { return ImportLine(line: record.line, result: parsed) }
            problemLines += 1
            guard problemLines >= ImportLimits.problemLines else { return ImportLine(line: record.line, result: parsed) }
            let stop = ImportProblem(file: reader.fileName, line: record.line, field: "file",
                                     problem: "\(problemLines) lines have problems; the rest of the file was not read")
            readError = stop
            return ImportLine(line: record.line, result: .problems(problems + [stop]))
        } catch {
            let field = error.column.flatMap { $0 < header.count ? header[$0] : nil } ?? "row"
            let problem = ImportProblem(file: error.file, line: error.line, field: field, problem: error.problem)
            readError = problem
            return ImportLine(line: error.line, result: .problems([problem]))
        }
    }
}

extension ImportFile where Value == RegisterEntry {
    /// A register file in whatever layout its header (or `mapping`) says.
    public static func register(path: String, displayName: String? = nil, mapping: ColumnMapping? = nil) throws(WardenError) -> ImportFile {
        let reader: CSVReader
        do { reader = try CSVReader(path: path, displayName: displayName) } catch { throw .invalidRequest(error.description) }
        let name = reader.fileName
        return try ImportFile(reader: reader) { (header: [String]) throws(WardenError) in
            let layout = try RegisterLayout.detect(header: header, mapping: mapping, file: name)
            return (layout.name, { layout.entry(from: $0, file: name) })
        }
    }

}
