import Testing
@testable import WardenImport
import WardenCore

@Suite("CSV reader")
struct CSVReaderTests {
    func records(_ text: String) throws -> [CSVRecord] {
        let reader = CSVReader(bytes: Array(text.utf8), fileName: "test.csv")
        var out: [CSVRecord] = []
        while let record = try reader.next() { out.append(record) }
        return out
    }

    @Test func readsByteOrderMarkCRLFAndQuotedCommas() throws {
        let rows = try records("\u{FEFF}a,b,c\r\n1,\"x, y\",3\r\n\"he said \"\"hi\"\"\",,\r\n")
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["1", "x, y", "3"], ["he said \"hi\"", "", ""]])
        #expect(rows.map(\.line) == [1, 2, 3])
    }

    @Test func reportsTheLineARecordStartsOnAcrossEmbeddedLineBreaks() throws {
        let rows = try records("h1,h2\n\"two\nlines\",x\nlast,y\n")
        #expect(rows[1].fields == ["two\nlines", "x"])
        #expect(rows[1].line == 2)
        #expect(rows[2].line == 4)
    }

    @Test func skipsBlankLinesAndReadsAFinalLineWithoutNewline() throws {
        let rows = try records("a\n\n\nb")
        #expect(rows.map(\.fields) == [["a"], ["b"]])
        #expect(rows.map(\.line) == [1, 4])
    }

    @Test func refusesAnUnterminatedQuoteNamingItsLine() throws {
        let error = #expect(throws: CSVError.self) { try records("a,b\n1,2\n\"open,3\n4,5\n") }
        #expect(error?.line == 3)
        #expect(error?.description == "test.csv:3: a quoted field is never closed")
    }

    @Test func namesTheLineTheUnclosedFieldStartsOnNotTheRecord() throws {
        let error = #expect(throws: CSVError.self) { try records("a,b\n1,\"x\ny\",\"open\n4,5\n") }
        #expect(error?.line == 3)
        #expect(error?.column == 2)
    }

    /// A quote never closed near the top of a large file used to swallow the rest of the file
    /// into one field (303 MB of memory for a 200 MB file) before saying so; the field cap
    /// stops it within one field's worth of bytes.
    @Test func stopsAtTheFieldCapOnAnUnclosedQuoteInALargeFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("warden-runaway-\(UInt64.random(in: 0 ... .max)).csv").path
        var text = "n,v\n1,fine\n2,\"never closed\n"
        text += String(repeating: "3,more text that is swallowed into the open field\n", count: 80_000)
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(text.utf8.count > 4_000_000)

        let reader = try CSVReader(path: path)
        var read = 0
        let error = #expect(throws: CSVError.self) {
            while try reader.next() != nil { read += 1 }
        }
        #expect(read == 2)
        #expect(error?.line == 3)
        #expect(error?.column == 1)
        #expect(error?.problem == "longer than 64 KiB (a quote never closed?); the rest of the file was not read")
        #expect(reader.bytesRead < 4 * ImportLimits.csvFieldBytes, "read \(reader.bytesRead) bytes of \(text.utf8.count)")
    }

    @Test func stopsAtTheRecordCapNamingTheRecordsLine() throws {
        let field = String(repeating: "x", count: ImportLimits.csvFieldBytes - 1)
        let row = Array(repeating: field, count: ImportLimits.csvRecordBytes / ImportLimits.csvFieldBytes + 2).joined(separator: ",")
        let error = #expect(throws: CSVError.self) { try records("a\nfine\n" + row + "\nafter\n") }
        #expect(error?.line == 3)
        #expect(error?.column == nil)
        #expect(error?.problem == "the record is longer than 1 MiB; the rest of the file was not read")
    }

    @Test func stopsAtTheFieldCountCap() throws {
        let row = String(repeating: ",", count: ImportLimits.csvFields + 10)
        let error = #expect(throws: CSVError.self) { try records("a\n" + row + "\n") }
        #expect(error?.line == 2)
        #expect(error?.problem == "more than \(ImportLimits.csvFields) fields in one record; the rest of the file was not read")
    }

    @Test func readsAFieldJustUnderTheCap() throws {
        let field = String(repeating: "y", count: ImportLimits.csvFieldBytes)
        #expect(try records("a\n\"" + field + "\"\n")[1].fields == [field])
    }

    @Test func decodesWindows1252WhenTheBytesAreNotUTF8() throws {
        let reader = CSVReader(bytes: [0x4F, 0x27, 0x42, 0x72, 0x69, 0x65, 0x6E, 0x2C, 0x43, 0xE9, 0x63, 0x69, 0x6C, 0x65, 0x0A], fileName: "x")
        #expect(try reader.next()?.fields == ["O'Brien", "Cécile"])
    }

    @Test func streamsFromAFileLargerThanItsBuffer() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("warden-csv-\(UInt64.random(in: 0 ... .max)).csv").path
        let text = "n,v\n" + (1...20_000).map { "\($0),\"value \($0), quoted\"" }.joined(separator: "\r\n") + "\r\n"
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try CSVReader(path: path)
        var count = 0
        var last: CSVRecord?
        while let record = try reader.next() {
            count += 1
            last = record
        }
        #expect(count == 20_001)
        #expect(last?.fields == ["20000", "value 20000, quoted"])
        #expect(last?.line == 20_001)
    }
}

import Foundation

@Suite("Prefetching parser")
struct PrefetchTests {
    func file(rows: Int) throws -> ImportFile<Int> {
        let text = "n\n" + (1...rows).map(String.init).joined(separator: "\n") + "\n"
        return try ImportFile<Int>(reader: CSVReader(bytes: Array(text.utf8), fileName: "n.csv")) { (_: [String]) throws(WardenError) in
            ("numbers", { record in
                Int(record.fields[0]).map { .value($0) }
                    ?? .problems([ImportProblem(file: "n.csv", line: record.line, field: "n", problem: "not a number")])
            })
        }
    }

    @Test func yieldsEveryLineInOrderAcrossBatches() throws {
        let lines = Array(Prefetch(try file(rows: 10_000), batchSize: 64, depth: 2))
        #expect(lines.count == 10_000)
        #expect(lines.map(\.line) == Array(2...10_001))
        #expect(lines.allSatisfy { if case .value(let n) = $0.result { n == $0.line - 1 } else { false } })
    }
}
