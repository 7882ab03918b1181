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

    @Test func refusesAFileWithoutAMembershipNumberColumn() {
        #expect(throws: WardenError.self) { try parse("Name,Surname\nA,B\n") }
    }
}
