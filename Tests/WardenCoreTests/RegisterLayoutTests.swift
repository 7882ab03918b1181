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

    static let ems = "Elector Number Prefix,Elector Number,Elector Number Suffix,Elector Markers,Elector DOB,Elector Surname,Elector Forename,PostCode,Address1,Address2,Address3,Address4,Address5,Address6"

    /// The problems on the one data line of an EMS file holding `row`.
    func problems(_ row: String) throws -> [String] {
        guard case .problems(let problems) = try parse(Self.ems + "\n" + row + "\n").first else { return [] }
        return problems.map(\.description)
    }

    @Test func aRowWithTooFewOrTooManyFieldsIsReportedWithTheCounts() throws {
        #expect(try problems("AA,7,,,") == ["reg.csv:2: row: 5 fields, the header has 14"])
        #expect(try problems("AA,7,,,,Lee,Ann,TN1 1AA,1 Mill Lane,Town,,,,,") == [
            "reg.csv:2: row: 15 fields, the header has 14 (an unquoted comma?)",
        ])
        #expect(try problems("AA") == ["reg.csv:2: row: 1 field, the header has 14"])
    }

    @Test func anElectorNotMarkedAnonymousNeedsASurnameAndAnAddress() throws {
        #expect(try problems("AA,7,,,,,,,,,,,,") == [
            "reg.csv:2: Elector Surname: missing (only anonymous entries, marker N, have no name)",
            "reg.csv:2: Address1: missing (only anonymous entries, marker N, and overseas electors, marker F, have no address)",
        ])
        #expect(try problems("AA,7,,,,Lee,Ann,TN1 1AA,,,,,,") == [
            "reg.csv:2: Address1: missing (only anonymous entries, marker N, and overseas electors, marker F, have no address)",
        ])
        let fine = entries(try parse(Self.ems + "\nAA,7,,N,,,,,,,,,,\nAA,8,,F,,Fox,Dan,,,,,,,\n"))
        #expect(fine.count == 2)
        #expect(fine.first?.isAnonymous == true)
        #expect(fine.last?.name.surname == "Fox")
    }

    @Test func controlBidiAndInvisibleCharactersInNamesAndAddressesAreRefused() throws {
        let bad: [String] = ["\u{0}", "\u{1B}[2J", "\u{7}", "\u{202E}", "\u{202A}", "\u{2066}", "\u{2069}",
                             "\u{200B}", "\u{200F}", "\u{2060}", "\u{FEFF}", "\r", "\n", "\u{85}", "\u{2028}"]
        for character in bad {
            let name = "Le" + character + "e"
            let label = "U+\(String(character.unicodeScalars.first?.value ?? 0, radix: 16))"
            #expect(try problems("AA,7,,,,\"\(name)\",Ann,TN1 1AA,1 Mill Lane,,,,,") == [
                "reg.csv:2: Elector Surname: contains a control, bidirectional or invisible character",
            ], "\(label)")
            #expect(try problems("AA,7,,,,Lee,\"\(name)\",TN1 1AA,\"1 Mill\(character)Lane\",,,,,") == [
                "reg.csv:2: Elector Forename: contains a control, bidirectional or invisible character",
                "reg.csv:2: Address1: contains a control, bidirectional or invisible character",
            ], "\(label)")
        }
    }

    @Test func aNameOfOnlyInvisibleOrWhitespaceCharactersIsMissing() throws {
        for surname in ["\u{200B}", "\u{200B}\u{FEFF}\u{2060}", "\u{A0}", " \u{3000} \u{200D}"] {
            #expect(try problems("AA,7,,,,\(surname),Ann,TN1 1AA,1 Mill Lane,,,,,") == [
                "reg.csv:2: Elector Surname: missing (only anonymous entries, marker N, have no name)",
            ])
        }
    }

    @Test func fieldsLongerThanTheirLimitAreProblemsNamingTheField() throws {
        let name = String(repeating: "a", count: ImportLimits.name + 1)
        let line = String(repeating: "b", count: ImportLimits.addressLine + 1)
        #expect(try problems("AA,7,,,,\(name),Ann,TN1 1AAAAAA,\(line),,,,,") == [
            "reg.csv:2: Elector Surname: longer than 100 characters",
            "reg.csv:2: Address1: longer than 200 characters",
            "reg.csv:2: PostCode: longer than 10 characters",
        ])
        let longest = String(repeating: "a", count: ImportLimits.name)
        #expect(entries(try parse(Self.ems + "\nAA,7,,,,\(longest),Ann,TN1 1AA,1 Mill Lane,,,,,\n")).count == 1)
    }

    @Test func aOneMegabyteFieldStopsTheFileNamingItsLineAndColumn() throws {
        let huge = String(repeating: "z", count: 1 << 20)
        let text = Self.ems + "\nAA,1,,,,Lee,Ann,TN1 1AA,1 Mill Lane,,,,,\nAA,2,,,,\(huge),Bob,TN1 1AA,1 Mill Lane,,,,,\nAA,3,,,,Ray,Cat,TN1 1AA,1 Mill Lane,,,,,\n"
        let parsed = try parse(text)
        #expect(parsed.count == 2)
        guard case .problems(let problems) = parsed.last else {
            Issue.record("expected problems")
            return
        }
        #expect(problems.map(\.description) == [
            "reg.csv:3: Elector Surname: longer than 64 KiB; the rest of the file was not read",
        ])
    }

    @Test func aFileStopsAfterAThousandLinesWithProblems() throws {
        let text = Self.ems + "\n" + String(repeating: "AA,x,,,,Lee,Ann,TN1 1AA,1 Mill Lane,,,,,\n", count: 1_500)
        let parsed = try parse(text)
        #expect(parsed.count == ImportLimits.problemLines)
        guard case .problems(let problems) = parsed.last else {
            Issue.record("expected problems")
            return
        }
        #expect(problems.last?.description == "reg.csv:1001: file: 1000 lines have problems; the rest of the file was not read")
    }

    @Test func aScottishEntryWithNeitherNameNorAddressIsAnonymous() throws {
        let header = "PD,ENO,Title,First Names,Initials,Surname,Suffix,Date of Attainment,Franchise Flag,Opt Out,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Address 7,Address 8,Address 9,Postcode"
        let text = header + "\nXA,5,,,,,,,,,,,,,,,,,,\nXA,6,,Ewan,,Fraser,,,,,,,,,,,,,,\n"
        let parsed = try parse(text)
        #expect(entries(parsed).first?.isAnonymous == true)
        guard case .problems(let problems) = parsed.last else {
            Issue.record("expected problems")
            return
        }
        #expect(problems.map(\.description) == [
            "reg.csv:3: Address 1: missing (only anonymous entries, marker N, and overseas electors, marker F, have no address)",
        ])
    }

    @Test func headerNamesWithControlCharactersAreRefused() {
        #expect(throws: WardenError.self) { try parse(Self.ems + ",\u{1B}[31mNote\n") }
    }
}

import Foundation
