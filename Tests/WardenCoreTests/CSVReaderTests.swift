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
