import Testing
import WardenCore
@testable import WardenImport

@Suite("Membership export layout")
struct MemberLayoutTests {
    func parse(_ text: String) throws -> [Parsed<MembershipRecord>] {
        let reader = CSVReader(bytes: Array(text.utf8), fileName: "m.csv")
        let file = try ImportFile<MembershipRecord>(reader: reader) { (header: [String]) throws(WardenError) in
            let layout = try MemberLayout.detect(header: header, mapping: nil, file: "m.csv")
            return ("members", { layout.record(from: $0, file: "m.csv") })
        }
        return file.map(\.result)
    }

    @Test func findsColumnsByTheirUsualNames() throws {
        let text = """
            Membership No,First Name,Last Name,Email Address,Mobile,Address Line 1,Post Code,Membership Status,Date Joined,Branch,Subscription,Payment Frequency,Email Consent,SMS Consent
            L1,Jane,Smith,Jane@Example.org,07700 900001,1 Road,ab1 2cd,In Arrears,2019-05-01,Brookside,£4.50,monthly,Y,N
            """
        guard case .value(let record) = try parse(text).first else {
            Issue.record("expected a record")
            return
        }
        #expect(record.membershipNumber == "L1")
        #expect(record.status == .inArrears)
        #expect(record.contactPoints.map(\.value) == ["jane@example.org", "07700900001"])
        #expect(record.contactPoints[0].consent == [.email])
        #expect(record.contactPoints[1].consent.isEmpty)
        #expect(record.dues == Dues(pence: 450, frequency: .monthly))
        #expect(record.branch == "Brookside")
        #expect(record.address.postcode == "AB1 2CD")
    }

    @Test func listsEveryBadField() throws {
        let text = "Membership Number,Surname,Email,Status,Joined\n,Smith,not-an-email,gone,yesterday\n"
        guard case .problems(let problems) = try parse(text).first else {
            Issue.record("expected problems")
            return
        }
        #expect(problems.map(\.description) == [
            "m.csv:2: Membership Number: missing",
            "m.csv:2: Status: unknown status (expected active, in arrears, lapsed, resigned, expelled or suspended)",
            "m.csv:2: Email: not an email address",
            "m.csv:2: Joined: not a date (expected DD/MM/YYYY or YYYY-MM-DD)",
        ])
    }

    static let header = "Membership Number,Title,First Name,Surname,Email,Mobile,Address 1,Postcode,Branch"

    /// The problems on the one data line of a membership export holding `row`.
    func problems(_ row: String) throws -> [String] {
        guard case .problems(let problems) = try parse(Self.header + "\n" + row + "\n").first else { return [] }
        return problems.map(\.description)
    }

    @Test func aRowWithTooFewOrTooManyFieldsIsReportedWithTheCounts() throws {
        #expect(try problems("L1,,Ann,Lee") == ["m.csv:2: row: 4 fields, the header has 9"])
        #expect(try problems("L1,,Ann,Lee,,,1 Road, Town,AB1 2CD,W1") == ["m.csv:2: row: 10 fields, the header has 9 (an unquoted comma?)"])
    }

    @Test func controlBidiAndInvisibleCharactersAreRefused() throws {
        #expect(try problems("L1,\u{7}Dr,\"An\nn\",Le\u{202E}e,a@b.org\u{200B},07700\u{0}900001,1 Road\u{1B},AB1 2CD,W1") == [
            "m.csv:2: Surname: contains a control, bidirectional or invisible character",
            "m.csv:2: Title: contains a control, bidirectional or invisible character",
            "m.csv:2: First Name: contains a control, bidirectional or invisible character",
            "m.csv:2: Address 1: contains a control, bidirectional or invisible character",
            "m.csv:2: Email: contains a control, bidirectional or invisible character",
            "m.csv:2: Mobile: contains a control, bidirectional or invisible character",
        ])
        #expect(try problems("L1\u{FEFF},,Ann,\u{200B},,,,,") == [
            "m.csv:2: Membership Number: contains a control, bidirectional or invisible character",
            "m.csv:2: Surname: missing",
        ])
    }

    @Test func fieldsLongerThanTheirLimitAreProblemsNamingTheField() throws {
        let number = String(repeating: "9", count: ImportLimits.membershipNumber + 1)
        let email = String(repeating: "e", count: ImportLimits.email) + "@example.org"
        let phone = "07700 900001" + String(repeating: " ", count: 1) + String(repeating: "-", count: ImportLimits.phone)
        #expect(try problems("\(number),,Ann,Lee,\(email),\(phone),1 Road,AB1 2CD,W1") == [
            "m.csv:2: Membership Number: longer than 32 characters",
            "m.csv:2: Email: longer than 254 characters",
            "m.csv:2: Mobile: longer than 32 characters",
        ])
    }

    @Test func refusesAFileWithoutAMembershipNumberColumn() {
        #expect(throws: WardenError.self) { try parse("Name,Surname\nA,B\n") }
    }
}
