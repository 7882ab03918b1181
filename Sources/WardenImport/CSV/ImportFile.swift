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
    /// Set when the file stops being readable part way (an unterminated quote).
    public private(set) var readError: ImportProblem?

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
            throw .invalidRequest(error.description)
        } catch let error as WardenError {
            throw error
        } catch {
            throw .invalidRequest("\(reader.fileName): unreadable")
        }
        (layoutName, parse) = try makeParser(header)
    }

    public func next() -> ImportLine<Value>? {
        guard readError == nil else { return nil }
        do {
            guard let record = try reader.next() else { return nil }
            return ImportLine(line: record.line, result: parse(record))
        } catch {
            let problem = ImportProblem(file: error.file, line: error.line, field: "row", problem: error.problem)
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
