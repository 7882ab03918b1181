import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Import defects from the hardening issue, end to end through the import service: bad
/// input is refused with a problem naming file, line and field (never the value), and the
/// whole file is refused with it.
@Suite("Import hardening")
struct ImportHardeningTests {
    let emsHeader = "Elector Number Prefix,Elector Number,Elector Number Suffix,Elector Markers,Elector DOB,Elector Surname,Elector Forename,PostCode,Address1,Address2,Address3,Address4,Address5,Address6"

    /// The report of a rejected import, or a recorded issue when it was not rejected.
    func rejection(_ run: () async throws -> ImportReport) async -> ImportReport? {
        do {
            _ = try await run()
            Issue.record("expected the import to be rejected")
        } catch WardenError.importRejected(let report) {
            return report
        } catch {
            Issue.record("expected a rejected import, got \(error)")
        }
        return nil
    }

    @Test func anUnknownPollingDistrictIsNotEchoed() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        let path = try test.write("register.csv", emsHeader + "\n\"SECRET NAME O'PERSON\",1,,,,Lee,Ann,TN1 1AA,1 Mill Lane,,,,,\n")
        let report = await rejection { try await test.warden.imports.importRegister(path: path, actor: .localOperator) }
        #expect(report?.problems.map(\.description) == ["\(path):2: polling district: not a known polling district (import the areas first)"])
        #expect(report?.problems.description.contains("SECRET") == false)
    }

    @Test func noRegisterProblemRepeatsAValueFromTheFile() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        let secret = "Qx7Secret"
        let rows = [
            "AA,1,,,,Lee,Ann,TN1 1AA,1 Mill Lane,,,,,",
            "AA,1,,,,Lee,Bob,TN1 1AA,1 Mill Lane,,,,,",  // the same elector number twice
            "\(secret),\(secret),\(secret),,\(secret),Ray,Cat,TN1 1AA,1 Mill Lane,,,,,",
            "AA,4,,,,\(secret)\u{1B}[2J,\(secret)\u{202E},\(secret)\(secret),\(secret)\u{0},,,,,",
            "AA,5,,,,\(String(repeating: secret, count: 20)),Eve,TN1 1AA,1 Mill Lane,,,,,",
            "AA,6,,\(secret)",
            "ZZ,7,,,,\(secret),Fay,TN1 1AA,1 Mill Lane,,,,,",
        ]
        let path = try test.write("register.csv", ([emsHeader] + rows).joined(separator: "\n") + "\n")
        let report = await rejection { try await test.warden.imports.importRegister(path: path, actor: .localOperator) }
        let messages = report?.problems.map(\.description) ?? []
        #expect(messages.count >= 9, "\(messages)")
        #expect(!messages.contains { $0.contains(secret) || $0.contains("ZZ") }, "\(messages)")
        #expect(messages.contains("\(path):3: elector number: appears more than once in this file"))
    }

    @Test func noMembershipProblemRepeatsAValueFromTheFile() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        let secret = "Qx7Secret"
        let path = try test.write("members.csv", """
            Membership Number,First Name,Surname,Email,Mobile,Status,Joined,Branch,Dues,Frequency,Email Consent
            M1,Ann,Lee,ann@example.org,,Active,,W1,,,
            M1,Bob,Lee,,,,,W1,,,
            M2,\(secret),\(secret)\u{7},\(secret),\(secret),\(secret),\(secret),\(secret),\(secret),\(secret),\(secret)
            M3,Cat,Ray,,,,,W1,4.50,\(secret),
            """)
        let report = await rejection { try await test.warden.imports.importMembers(path: path, actor: .localOperator) }
        let messages = report?.problems.map(\.description) ?? []
        #expect(messages.count >= 9, "\(messages)")
        #expect(!messages.contains { $0.contains(secret) }, "\(messages)")
        #expect(try await test.warden.people.counts().members == 0)
    }

    /// The issue's file: three bad lines, one of them a row holding 5 of the header's 14
    /// fields, which used to be imported as an anonymous elector without a word.
    @Test func aRegisterWithThreeBadLinesNamesAllThreeAndImportsNothing() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        let path = try test.write("register.csv", [
            emsHeader,
            "AA,1,,,,Lee,Ann,TN1 1AA,1 Mill Lane,,,,,",
            "AA,2,,,,Lee,Bob,TN1 1AA,1 Mill Lane,,,,,",
            "AA,3,,,,Lee\u{200B},Cat,TN1 1AA,1 Mill Lane\u{202E},,,,,",
            "AA,4,,,,Fox,Dan,TN1 1AA,1 Mill Lane,,,,,",
            "AA,5,,,,\u{200B},Eve,TN1 1AA,2 Mill Lane,,,,,",
            "AA,6,,,",
            "AA,7,,N,,,,,,,,,,",
        ].joined(separator: "\n") + "\n")
        let report = await rejection { try await test.warden.imports.importRegister(path: path, actor: .localOperator) }
        #expect(report?.problems.map(\.description) == [
            "\(path):4: Elector Surname: contains a control, bidirectional or invisible character",
            "\(path):4: Address1: contains a control, bidirectional or invisible character",
            "\(path):6: Elector Surname: missing (only anonymous entries, marker N, have no name)",
            "\(path):7: row: 5 fields, the header has 14",
        ])
        #expect(try await test.warden.people.counts().people == 0)
    }

    @Test func aNamedElectorWithoutAnAddressIsRefusedUnlessOverseas() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        let path = try test.write("register.csv", [
            emsHeader,
            "AA,1,,,,Lee,Ann,,,,,,,",
            "AA,2,,F,,Fox,Dan,,,,,,,",
            "AA,3,,,,,,,,,,,,",
        ].joined(separator: "\n") + "\n")
        let report = await rejection { try await test.warden.imports.importRegister(path: path, actor: .localOperator) }
        #expect(report?.problems.map(\.description) == [
            "\(path):2: Address1: missing (only anonymous entries, marker N, and overseas electors, marker F, have no address)",
            "\(path):4: Elector Surname: missing (only anonymous entries, marker N, have no name)",
            "\(path):4: Address1: missing (only anonymous entries, marker N, and overseas electors, marker F, have no address)",
        ])
        #expect(try await test.warden.people.counts().people == 0)
    }

    @Test func aMegabyteFieldIsAProblemNamingLineAndField() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        let huge = String(repeating: "x", count: 1 << 20)
        let path = try test.write("register.csv", [
            emsHeader,
            "AA,1,,,,Lee,Ann,TN1 1AA,1 Mill Lane,,,,,",
            "AA,2,,,,Lee,Bob,TN1 1AA,\(huge),,,,,",
            "AA,3,,,,Lee,Cat,TN1 1AA,1 Mill Lane,,,,,",
        ].joined(separator: "\n") + "\n")
        let report = await rejection { try await test.warden.imports.importRegister(path: path, actor: .localOperator) }
        #expect(report?.problems.map(\.description) == [
            "\(path):3: Address1: longer than 64 KiB; the rest of the file was not read",
        ])
        #expect(try await test.warden.people.counts().people == 0)
    }

    @Test func anUnclosedQuoteInALargeFileIsRefusedNamingItsLine() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        let text = emsHeader + "\nAA,1,,,,Lee,Ann,TN1 1AA,1 Mill Lane,,,,,\nAA,2,,,,\"Lee,Bob,TN1 1AA,1 Mill Lane,,,,,\n"
            + String(repeating: "AA,3,,,,Ray,Cat,TN1 1AA,1 Mill Lane,,,,,\n", count: 100_000)
        let path = try test.write("register.csv", text)
        let report = await rejection { try await test.warden.imports.importRegister(path: path, actor: .localOperator) }
        #expect(report?.problems.map(\.description) == [
            "\(path):3: Elector Surname: longer than 64 KiB (a quote never closed?); the rest of the file was not read",
        ])
        #expect(try await test.warden.people.counts().people == 0)
    }

    @Test func aMembersFileRowWithTheWrongFieldCountIsRefused() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        let path = try test.write("members.csv", "Membership Number,First Name,Surname,Postcode\nM1,Ann,Lee,TN1 1AA\nM2,Bob\nM3,Cat,Ray,TN1,1AA\n")
        let report = await rejection { try await test.warden.imports.importMembers(path: path, actor: .localOperator) }
        #expect(report?.problems.map(\.description) == [
            "\(path):3: row: 2 fields, the header has 4",
            "\(path):4: row: 5 fields, the header has 4 (an unquoted comma?)",
        ])
        #expect(try await test.warden.people.counts().members == 0)
    }

    @Test func anAreasFileRowWithTheWrongFieldCountOrHiddenCharactersIsRefused() async throws {
        let test = try await TestWarden.make()
        let path = try test.write("areas.csv", """
            level,code,name,parent
            nation,E,England,
            region,R,Region
            constituency,C,Fell\u{202E}wick,R
            ward,W1,North Ward,C,extra
            """)
        let error = await #expect(throws: WardenError.self) { try await test.warden.areas.importAreas(path: path, actor: .localOperator) }
        guard case .importRejected(let report) = error else {
            Issue.record("expected a rejected import")
            return
        }
        #expect(report.problems.map(\.description) == [
            "\(path):3: row: 3 fields, the header has 4",
            "\(path):4: name: contains a control, bidirectional or invisible character",
            "\(path):5: row: 5 fields, the header has 4 (an unquoted comma?)",
        ])
        #expect(try await test.warden.areas.all().isEmpty)
    }

    /// Problems found while storing (here an unknown polling district on every row) stop the
    /// import too: a million such rows used to hold a million problems in memory.
    @Test func anImportStopsAfterAThousandProblems() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        let rows = (1...1_200).map { "QQ,\($0),,,,Ray,Cat,TN1 1AA,\($0) Mill Lane,,,,," }
        let path = try test.write("register.csv", ([emsHeader] + rows).joined(separator: "\n") + "\n")
        let report = await rejection { try await test.warden.imports.importRegister(path: path, actor: .localOperator) }
        #expect(report?.problems.count == ImportLimits.problemLines + 1)
        #expect(report?.problems.last?.description == "\(path):1002: file: 1000 problems; the rest of the file was not read")
        #expect(try await test.warden.people.counts().people == 0)
    }
}
