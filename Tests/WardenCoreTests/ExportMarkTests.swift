import Crypto
import Foundation
import Testing
import WardenCore

/// The pure parts of an export: minimised fields, formula-safe CSV, keyed marks that a trace
/// reads back from re-typed cells, and the weighing of the evidence.
@Suite("Export marks and CSV")
struct ExportMarkTests {
    static let key = SymmetricKey(size: .bits256)

    @Test(arguments: ["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tx", "\rx"])
    func aCellThatWouldRunAsAFormulaIsNeutralised(_ value: String) {
        let cell = ExportCSV.cell(value)
        #expect(cell.hasPrefix("\"'"))
        #expect(ExportCSV.unneutralised(String(cell.dropFirst().dropLast()).replacingQuotes()) == value)
    }

    @Test func ordinaryCellsAreQuotedAndKeptAsTheyAre() {
        #expect(ExportCSV.cell("Ann") == "\"Ann\"")
        #expect(ExportCSV.cell("O\"Brien, Jr") == "\"O\"\"Brien, Jr\"")
        #expect(ExportCSV.line(["a", "b"]) == "\"a\",\"b\"\r\n")
        #expect(ExportCSV.unneutralised("'quoted") == "'quoted")
    }

    @Test func aPurposeAllowsOnlyItsFields() throws {
        let leaflets = try #require(ExportPurpose.defaults.first { $0.id == "leaflet_delivery" })
        try leaflets.check([.name, .address])
        #expect(throws: WardenError.invalidRequest("fields: intention is not needed for leaflet delivery; it allows name, address")) {
            try leaflets.check([.name, .address, .intention])
        }
        #expect(throws: WardenError.self) { try leaflets.check([]) }
        #expect(!leaflets.allowsSpecialCategory)
        #expect(ExportPurpose.defaults.contains { $0.allowsSpecialCategory })
        #expect(try ExportField.parse("address, name") == [.name, .address])
        #expect(throws: WardenError.self) { try ExportField.parse("name,shoe_size") }
    }

    @Test(arguments: [true, false], [true, false])
    func anAddressCarriesItsChoicesThroughRetyping(_ short: Bool, _ comma: Bool) {
        let written = ExportCells.address("12 Alder Road, Fellwick", shortSuffix: short, numberComma: comma)
        #expect(ExportCells.observed(.streetSuffix, in: written) == short)
        #expect(ExportCells.observed(.numberComma, in: written) == comma)
        // Re-typed in capitals, with a stray full stop: the choices still show, the token is the same.
        let retyped = written.uppercased() + "."
        #expect(ExportCells.observed(.streetSuffix, in: retyped) == short)
        #expect(ExportCells.address(retyped) == ExportCells.address("12 Alder Road, Fellwick"))
        #expect(ExportCells.observed(.streetSuffix, in: "The Old Mill") == nil)
    }

    @Test func phonesAndPostcodesShowTheirSpacingEvenAfterASpreadsheetDropsTheZero() {
        #expect(ExportCells.phone("07700900123", spaced: true) == "07700 900123")
        #expect(ExportCells.observed(.phoneSpace, in: "07700 900123") == true)
        #expect(ExportCells.observed(.phoneSpace, in: "7700900123") == false)
        #expect(ExportCells.phone("7700900123") == "07700900123")
        #expect(ExportCells.postcode("fw1 2ab", spaced: false) == "FW12AB")
        #expect(ExportCells.observed(.postcodeSpace, in: "FW1 2AB") == true)
    }

    @Test func decoysAreUniqueAcrossExportsAndAtKeyedRows() {
        var taken = Set<String>()
        var all: [ExportDecoy] = []
        for serial in 1...40 {
            let marks = ExportMarks(key: Self.key, serial: ExportID(Int64(serial)))
            for index in 0..<3 {
                let decoy = ExportDecoy.make(index, marks: marks, settings: .placeholder, taken: taken)
                #expect(decoy.keys.allSatisfy { !taken.contains($0) })
                taken.formUnion(decoy.keys)
                all.append(decoy)
            }
        }
        #expect(Set(all.compactMap(\.phone)).count == all.count)
        #expect(all.allSatisfy { $0.email.hasSuffix("@decoys.warden.invalid") })
        let marks = ExportMarks(key: Self.key, serial: ExportID(7))
        let rows = marks.decoyRows(people: 100, decoys: 4)
        #expect(rows.count == 4 && rows.allSatisfy { $0 < 104 })
        #expect(rows == marks.decoyRows(people: 100, decoys: 4))
        #expect(rows != ExportMarks(key: Self.key, serial: ExportID(8)).decoyRows(people: 100, decoys: 4))
        #expect(ExportMarks.decoyCount(for: 10) == 3 && ExportMarks.decoyCount(for: 8_500) == 6 && ExportMarks.decoyCount(for: 1_000_000) == 25)
    }

    /// Two exports of the same 300 people; a quarter of one, re-sorted, without its postcode
    /// column and its decoys, is told apart from the other by its format choices alone.
    @Test func marksAloneTellTwoExportsOfTheSamePeopleApart() throws {
        let people = (1...300).map { i in
            ExportValues(personID: PersonID(rawValue: Int64(i)), forenames: "Person", surname: "Number\(i)",
                         address: Address(lines: ["\(i) Alder Road", "Fellwick"], postcode: "FW1 \(i % 9)AB"))
        }
        var hits: [Int64: [ExportTrace.Hit]] = [:]
        var files: [ExportID: [[String]]] = [:]
        for serial in [ExportID(1), ExportID(2)] {
            let layout = ExportLayout(marks: ExportMarks(key: Self.key, serial: serial), fields: [.name, .address])
            let rows = layout.rows(people: people, decoys: [])
            files[serial] = rows.map(layout.cells)
            for (row, values) in rows.enumerated() {
                for token in layout.tokens(values) { hits[token.token, default: []].append(ExportTrace.Hit(export: serial, row: row)) }
            }
        }
        let leaked = try #require(files[ExportID(2)]).enumerated().filter { $0.offset % 4 == 0 }.map { $0.element }
            .sorted { $0[1] < $1[1] }.map { Array($0.prefix(3)) }
        let (observations, _) = ExportTrace.observations(in: leaked, key: Self.key)
        let report = ExportTrace.assess(rows: leaked.count, observations: observations, hits: hits, decoys: [:]) {
            ExportMarks(key: Self.key, serial: $0)
        }
        #expect(report.source == ExportID(2))
        #expect(report.basis == "marks")
        let best = try #require(report.candidates.first)
        #expect(best.choicesAgreeing == best.choicesSeen && best.choicesSeen >= 70)
        let other = try #require(report.candidates.first { $0.export == ExportID(1) })
        #expect(other.log10Chance > -5)
        // Too little left to tell: one row names nobody.
        let (one, _) = ExportTrace.observations(in: Array(leaked.prefix(1)), key: Self.key)
        #expect(ExportTrace.assess(rows: 1, observations: one, hits: hits, decoys: [:]) { ExportMarks(key: Self.key, serial: $0) }.source == nil)
    }

    @Test func theChanceOfAgreeingByLuckIsABinomialTail() {
        #expect(ExportTrace.log10Tail(0, 0) == 0)
        #expect(abs(ExportTrace.log10Tail(10, 10) - (-10 * 0.30103)) < 0.001)
        #expect(abs(ExportTrace.log10Tail(2, 1) - (0.75).log10) < 0.001)
    }
}

private extension String {
    /// A quoted cell's inside as a CSV reader gives it back: doubled quotes made single.
    func replacingQuotes() -> String { replacingOccurrences(of: "\"\"", with: "\"") }
}

private extension Double {
    var log10: Double { Foundation.log10(self) }
}
