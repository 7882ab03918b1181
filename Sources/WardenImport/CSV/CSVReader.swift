import WardenCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One CSV record and the physical line it starts on.
public struct CSVRecord: Sendable {
    /// 1-based line number of the record's first character (the header is line 1).
    public var line: Int
    public var fields: [String]
}

/// A failure to read a CSV file on: it cannot be opened, a quote is never closed, or a field
/// or record outgrows ``ImportLimits`` (which bound the reader's memory on any input).
public struct CSVError: Error, Sendable, CustomStringConvertible {
    public var file: String
    /// The line where the record, or the runaway field, starts.
    public var line: Int
    /// The 0-based position of the field at fault in its record, when one is.
    public var column: Int?
    public var problem: String
    public var description: String { "\(file):\(line): \(problem)" }

    public init(file: String, line: Int, column: Int? = nil, problem: String) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
    }
}

/// A streaming RFC 4180 reader that never holds more than one buffer of the file and one
/// record of bounded size (``ImportLimits``).
///
/// Councils' exports arrive with a UTF-8 byte-order mark, CRLF or LF line ends, quoted fields
/// with commas, doubled quotes and line breaks inside, and sometimes Windows-1252 text; this
/// reads all of them and reports the physical line each record starts on, which a generic
/// CSV library does not, and which every import error message needs.
public final class CSVReader {
    public let fileName: String
    private let file: UnsafeMutablePointer<FILE>?
    private var buffer: [UInt8]
    private var position = 0
    private var count = 0
    private var exhausted = false
    private var line = 1
    /// Bytes consumed so far, for progress bars.
    public private(set) var bytesRead = 0

    /// Opens `path` for streaming.
    public init(path: String, displayName: String? = nil) throws(CSVError) {
        fileName = displayName ?? path
        guard let handle = fopen(path, "rb") else {
            throw CSVError(file: fileName, line: 0, problem: "cannot open file (\(String(cString: strerror(errno))))")
        }
        file = handle
        buffer = [UInt8](repeating: 0, count: 1 << 16)
        skipByteOrderMark()
    }

    /// Reads CSV text held in memory (tests, generated registers).
    public init(bytes: [UInt8], fileName: String) {
        self.fileName = fileName
        file = nil
        buffer = bytes
        count = bytes.count
        exhausted = true
        skipByteOrderMark()
    }

    deinit {
        if let file { fclose(file) }
    }

    /// The next non-blank record, or `nil` at the end of the file.
    public func next() throws(CSVError) -> CSVRecord? {
        while true {
            guard let record = try readRecord() else { return nil }
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }
            return record
        }
    }

    private func readRecord() throws(CSVError) -> CSVRecord? {
        guard peekByte() != nil else { return nil }
        let startLine = line
        var fieldLine = line
        var recordBytes = 0
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var quoted = false
        while true {
            guard let byte = nextByte() else {
                if inQuotes {
                    throw CSVError(file: fileName, line: fieldLine, column: fields.count, problem: "a quoted field is never closed")
                }
                try end(field, in: &fields, line: startLine)
                return CSVRecord(line: startLine, fields: fields)
            }
            recordBytes += 1
            if recordBytes > ImportLimits.csvRecordBytes {
                throw CSVError(file: fileName, line: startLine, problem:
                    "the record is longer than \(Self.size(ImportLimits.csvRecordBytes)); the rest of the file was not read")
            }
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if peekByte() == UInt8(ascii: "\"") {
                        position += 1
                        try append(byte, to: &field, column: fields.count, line: fieldLine, quoted: true)
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    try append(byte, to: &field, column: fields.count, line: fieldLine, quoted: true)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                try end(field, in: &fields, line: startLine)
                field.removeAll(keepingCapacity: true)
                quoted = false
                fieldLine = line
            case UInt8(ascii: "\r"):
                if peekByte() == UInt8(ascii: "\n") { position += 1 }
                line += 1
                try end(field, in: &fields, line: startLine)
                return CSVRecord(line: startLine, fields: fields)
            case UInt8(ascii: "\n"):
                line += 1
                try end(field, in: &fields, line: startLine)
                return CSVRecord(line: startLine, fields: fields)
            case UInt8(ascii: "\"") where field.isEmpty && !quoted:
                inQuotes = true
                quoted = true
            default:
                try append(byte, to: &field, column: fields.count, line: fieldLine, quoted: false)
            }
        }
    }

    /// Adds a finished field to its record, refusing more than ``ImportLimits/csvFields`` of them.
    @inline(__always)
    private func end(_ field: [UInt8], in fields: inout [String], line startLine: Int) throws(CSVError) {
        guard fields.count < ImportLimits.csvFields else {
            throw CSVError(file: fileName, line: startLine, problem:
                "more than \(ImportLimits.csvFields) fields in one record; the rest of the file was not read")
        }
        fields.append(Self.decode(field))
    }

    /// Adds a byte to the field being read, refusing to grow it past ``ImportLimits/csvFieldBytes``:
    /// a quote never closed would otherwise swallow the whole file into one field.
    @inline(__always)
    private func append(_ byte: UInt8, to field: inout [UInt8], column: Int, line fieldLine: Int, quoted: Bool) throws(CSVError) {
        guard field.count < ImportLimits.csvFieldBytes else {
            let hint = quoted ? " (a quote never closed?)" : ""
            throw CSVError(file: fileName, line: fieldLine, column: column, problem:
                "longer than \(Self.size(ImportLimits.csvFieldBytes))\(hint); the rest of the file was not read")
        }
        field.append(byte)
    }

    /// `65536` → `"64 KiB"`, `1048576` → `"1 MiB"`, for the caps' messages.
    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
    }

    @inline(__always)
    private func nextByte() -> UInt8? {
        if position == count, !refill() { return nil }
        let byte = buffer[position]
        position += 1
        return byte
    }

    @inline(__always)
    private func peekByte() -> UInt8? {
        if position == count, !refill() { return nil }
        return buffer[position]
    }

    private func refill() -> Bool {
        guard !exhausted, let file else { return false }
        let read = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        position = 0
        count = read
        bytesRead += read
        if read == 0 { exhausted = true }
        return read > 0
    }

    private func skipByteOrderMark() {
        if peekByte() == 0xEF, count - position >= 3, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF {
            position += 3
        }
    }

    /// UTF-8 when valid, otherwise Windows-1252 (the other encoding councils' exports use),
    /// so that no name is silently mangled into replacement characters.
    static func decode(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar(windows1252: $0) }))
    }
}

extension Unicode.Scalar {
    /// The Windows-1252 character for `byte` (Latin-1 except 0x80–0x9F).
    init(windows1252 byte: UInt8) {
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        let value = (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
        self = Unicode.Scalar(value) ?? "?"
    }
}
