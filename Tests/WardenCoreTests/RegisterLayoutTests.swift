import Testing
import WardenCore
@testable import WardenImport

@Suite("Register layouts")
struct RegisterLayoutTests {
    func parse(_ text: String, mapping: ColumnMapping? = nil) throws -> [Parsed<RegisterEntry>] {
        let reader = CSVReader(bytes: Array(text.utf8), fileName: "reg.csv")
        let file = try ImportFile<RegisterEntry>(reader: reader) { (header: [String]) throws(WardenError) in
            let layout = try RegisterLayout.detect(header: header, mapping: mapping, file: "reg.csv")
            return (layout.name, { layout.entry(from: $0, file: "reg.csv") })
        }
        return file.map(\.result)
    }

    func entries(_ parsed: [Parsed<RegisterEntry>]) -> [RegisterEntry] {
        parsed.compactMap { if case .value(let entry) = $0 { entry } else { nil } }
    }

    @Test func readsTheEMSLayoutWithSeparateNames() throws {
        let text = """
            Elector Number Prefix,Elector Number,Elector Number Suffix,Elector Markers,Elector DOB,Elector Surname,Elector Forename,PostCode,Address1,Address2,Address3,Address4,Address5,Address6
            AA,12,,,,Smith,Jane,ab1 2cd,"Flat 1, 3 High Street",Fellwick,,,,
            AA,13,1,N,,,,,,,,,,
            AA,14,,F,,Jones,Alan,,,,,,,
            """
        let parsed = entries(try parse(text))
        #expect(parsed.count == 3)
        #expect(parsed[0].name == PersonName(forenames: "Jane", surname: "Smith"))
        #expect(parsed[0].address == Address(lines: ["Flat 1, 3 High Street", "Fellwick"], postcode: "AB1 2CD"))
        #expect(parsed[0].number == ElectorNumber(prefix: "AA", number: 12))
        #expect(parsed[1].isAnonymous)
        #expect(parsed[1].number.suffix == 1)
        #expect(parsed[2].address.isEmpty)
        #expect(parsed[2].markers == "F")
    }

    @Test func readsTheEMSLayoutWithASingleNameColumn() throws {
        let text = """
            Elector Number Prefix,Elector Number,Elector Number Suffix,Elector Markers,Elector DOB,Elector Name,PostCode,Address1,Address2,Address3,Address4,Address5,Address6
            AB,1,,,01/02/1990,"Smith, Jane Anne",AB1 2CD,1 Road,,,,,
            AB,2,,,,Alan Jones,AB1 2CD,1 Road,,,,,
            """
        let parsed = entries(try parse(text))
        #expect(parsed[0].name.surname == "Smith")
        #expect(parsed[0].name.forenames == "Jane Anne")
        #expect(parsed[0].dateOfBirth == CalendarDate(year: 1990, month: 2, day: 1))
        #expect(parsed[1].name == PersonName(forenames: "Alan", surname: "Jones"))
    }

    @Test func readsTheScottishLayout() throws {
        let text = """
            PD,ENO,Title,First Names,Initials,Surname,Suffix,Date of Attainment,Franchise Flag,Opt Out,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Address 7,Address 8,Address 9,Postcode
            XA,101,Mrs,Morag,M,MacLeod,,,G,Y,2 Loch View,Portree,,,,,,,,iv51 9aa
            XA,102,,Ewan,,Fraser,2,15/08/2027,,N,2 Loch View,Portree,,,,,,,,IV51 9AA
            """
        let parsed = entries(try parse(text))
        #expect(parsed.count == 2)
        #expect(parsed[0].name == PersonName(title: "Mrs", forenames: "Morag", surname: "MacLeod"))
        #expect(parsed[0].optedOut)
        #expect(parsed[0].franchise == "G")
        #expect(parsed[0].address.postcode == "IV51 9AA")
        #expect(parsed[1].number == ElectorNumber(prefix: "XA", number: 102, suffix: 2))
        #expect(parsed[1].attainerDate == CalendarDate(year: 2027, month: 8, day: 15))
        #expect(parsed[0].address.householdKey == parsed[1].address.householdKey)
    }

    @Test func readsAnyLayoutThroughAColumnMapping() throws {
        let mapping = try JSONDecoder().decode(ColumnMapping.self, from: Data("""
            {"layout": "Northshire", "columns": {"pollingDistrict": "District", "electorNumber": "No", "surname": "Last",
             "forenames": "First", "postcode": "Post Code", "address": ["Line 1", "Town"]}}
            """.utf8))
        let text = "District,No,First,Last,Line 1,Town,Post Code\nnz,7,Ann,Lee,9 Mill Lane,Northby,NB1 1AA\n"
        let parsed = entries(try parse(text, mapping: mapping))
        #expect(parsed.first?.pollingDistrict == "NZ")
        #expect(parsed.first?.name == PersonName(forenames: "Ann", surname: "Lee"))
        #expect(parsed.first?.address.lines == ["9 Mill Lane", "Northby"])
    }

    @Test func refusesAnUnknownLayoutNamingTheHeader() {
        #expect(throws: WardenError.self) { try parse("Name,Street\nA,B\n") }
    }

    @Test func listsEveryProblemOnALineWithoutItsValues() throws {
        let text = """
            Elector Number Prefix,Elector Number,Elector Number Suffix,Elector Markers,Elector DOB,Elector Surname,Elector Forename,PostCode,Address1
            ,twelve,x,,31/02/1990,,Jane,AB1 2CD,1 Road
            """
        guard case .problems(let problems) = try parse(text).first else {
            Issue.record("expected problems")
            return
        }
        #expect(problems.map(\.description) == [
            "reg.csv:2: Elector Number Prefix: missing",
            "reg.csv:2: Elector Number: not a whole number",
            "reg.csv:2: Elector Number Suffix: not a whole number",
            "reg.csv:2: Elector Surname: missing (only anonymous entries, marker N, have no name)",
            "reg.csv:2: Elector DOB: not a date (expected DD/MM/YYYY or YYYY-MM-DD)",
        ])
        #expect(!problems.description.contains("Jane"))
    }
}

import Foundation
