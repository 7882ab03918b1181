import Testing
import WardenCore
import WardenServices
import WardenTestSupport

@Suite("Register import from files")
struct RegisterImportTests {
    let emsHeader = "Elector Number Prefix,Elector Number,Elector Number Suffix,Elector Markers,Elector DOB,Elector Surname,Elector Forename,PostCode,Address1,Address2,Address3,Address4,Address5,Address6"

    @Test func importsAnEMSFileWithBOMCRLFQuotesAnonymousAndOverseasEntries() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        let text = "\u{FEFF}" + [
            emsHeader,
            "AA,1,,,,Lee,Ann,TN1 1AA,\"Flat 1, 3 Mill Lane\",Town,,,,",
            "AA,2,,,,\"O'Neil, Jr\",Bob,tn1 1aa,\"Flat 1, 3 Mill Lane\",Town,,,,",
            "AA,3,,N,,,,,,,,,,",
            "AA,4,,F,,Fox,Dan,,,,,,,",
        ].joined(separator: "\r\n") + "\r\n"
        let report = try await test.warden.imports.importRegister(path: try test.write("ems.csv", text), actor: .localOperator)
        #expect(report.layout == "EMS")
        #expect(report.rows == 4)
        #expect(report.added == 4)
        #expect(report.households == 1)
        let counts = try await test.warden.people.counts()
        #expect(counts.electors == 4)
        #expect(counts.households == 1)
        let found = try await test.warden.people.search(PeopleQuery(text: "TN1 1AA"), actor: .localOperator, purpose: .registerMaintenance).value
        #expect(found.compactMap(\.surname).sorted() == ["Lee", "O'Neil, Jr"])
        let overseas = try await test.warden.people.search(PeopleQuery(text: "AA-4"), actor: .localOperator, purpose: .registerMaintenance).value
        #expect(overseas.first?.address == nil)
        #expect(overseas.first?.electorMarkers == "F")
    }

    @Test func importsTheScottishLayout() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        let text = """
            PD,ENO,Title,First Names,Initials,Surname,Suffix,Date of Attainment,Franchise Flag,Opt Out,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Address 7,Address 8,Address 9,Postcode
            BA,10,Mrs,Morag,M,MacLeod,,,G,Y,"2 Loch View, Upper",Portree,,,,,,,,IV51 9AA
            BA,11,,,,,,,,,,,,,,,,,,
            """
        let report = try await test.warden.imports.importRegister(path: try test.write("scot.csv", text), actor: .localOperator)
        #expect(report.layout == "Scottish")
        #expect(report.added == 2)
    }

    @Test func aBrokenFileNamesEveryBadLineAndImportsNothing() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        let text = [
            emsHeader,
            "AA,1,,,,Lee,Ann,TN1 1AA,1 Mill Lane,,,,,",
            "AA,x,,,,Lee,Bob,TN1 1AA,1 Mill Lane,,,,,",
            "AA,3,,,,,Cat,TN1 1AA,1 Mill Lane,,,,,",
            "QQ,4,,,,Fox,Dan,TN1 1AA,1 Mill Lane,,,,,",
            "AA,5,,,30/02/1990,Ray,Eve,TN1 1AA,1 Mill Lane,,,,,",
        ].joined(separator: "\n")
        let path = try test.write("broken.csv", text)
        let error = await #expect(throws: WardenError.self) {
            try await test.warden.imports.importRegister(path: path, actor: .localOperator)
        }
        guard case .importRejected(let report) = error else {
            Issue.record("expected a rejected import")
            return
        }
        #expect(report.problems.map(\.description) == [
            "\(path):3: Elector Number: not a whole number",
            "\(path):4: Elector Surname: missing (only anonymous entries, marker N, have no name)",
            "\(path):5: polling district: not a known polling district (import the areas first)",
            "\(path):6: Elector DOB: not a date (expected DD/MM/YYYY or YYYY-MM-DD)",
        ])
        #expect(try await test.warden.people.counts().people == 0)
        let audit = try await test.warden.accounts.recentAudit(actor: .localOperator, limit: 1)
        #expect(audit.first?.outcome == .failed)
    }

    @Test func nextYearsRenumberedRegisterInANewLayoutKeepsIdentityAndMembership() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadRegister()
        try await test.loadMembers()
        let before = try await test.warden.people.search(PeopleQuery(text: "ann lee"), actor: .localOperator, purpose: .registerMaintenance).value
        let ann = try #require(before.first)
        #expect(ann.electorNumber == "AA-1")
        #expect(ann.membershipNumber == "M1")

        // Next year's register arrives in the single-name EMS variant, renumbered, without Dan.
        let text = """
            Elector Number Prefix,Elector Number,Elector Number Suffix,Elector Markers,Elector DOB,Elector Name,PostCode,Address1,Address2
            AA,1,,,,"Lee, Bob",TN1 1AA,1 Mill Lane,Town
            AA,2,,,,"Lee, Ann",TN1 1AA,1 Mill Lane,Town
            AA,3,,N,,,,,
            AA,4,,,,"New, Eve",TN1 1AA,7 Mill Lane,Town
            """
        let dry = try await test.warden.imports.importRegister(path: try test.write("r2027.csv", text), dryRun: true, actor: .localOperator)
        #expect(dry.dryRun)
        #expect(try await test.warden.people.search(PeopleQuery(text: "AA-2"), actor: .localOperator, purpose: .registerMaintenance).value.first?.id != ann.id)

        let report = try await test.warden.imports.importRegister(path: try test.write("r2027.csv", text), actor: .localOperator)
        #expect(report.changes["renumbered"] == 2)
        #expect(report.added == 2)  // Eve, and the anonymous entry (never matched by name)
        #expect(report.removed == 2)  // Dan, and last year's anonymous entry
        let after = try await test.warden.people.search(PeopleQuery(text: "AA-2"), actor: .localOperator, purpose: .registerMaintenance).value
        #expect(after.first?.id == ann.id)
        #expect(after.first?.membershipNumber == "M1")
        #expect(try await test.warden.people.counts().electors == 5)  // BA's elector was not in this file and stays
    }
}

@Suite("Membership import from files")
struct MembershipImportTests {
    @Test func membersAreLinkedToElectorsAtTheirAddress() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadRegister()
        let path = try test.write("members.csv", """
            Member ID,Forename,Family Name,E-mail,Telephone,Address Line 1,Post Code,Member Status,Join Date,Ward,Rate,Frequency
            M1,Ann,Lee,ann@example.org,07700 900001,1 Mill Lane,TN1 1AA,Active,01/01/2019,North Ward,4.50,monthly
            M9,Zed,Zee,zed@example.org,,9 Far Road,ZZ9 9ZZ,Lapsed,01/01/2015,W2,,
            """)
        let report = try await test.warden.imports.importMembers(path: path, actor: .localOperator)
        #expect(report.added == 2)
        #expect(report.linked == 1)
        let ann = try #require(try await test.warden.people.search(PeopleQuery(text: "M1"), actor: .localOperator, purpose: .membershipAdministration).value.first)
        #expect(ann.electorNumber == "AA-1")
        let full = try await test.warden.people.person(ann.id, actor: .localOperator, purpose: .membershipAdministration).value
        #expect(full.emails?.map(\.value) == ["ann@example.org"])
        #expect(full.branch == "North Ward")
        #expect(full.dues == Dues(pence: 450, frequency: .monthly))
    }

    @Test func aDuplicateMembershipNumberOrUnknownBranchRejectsTheFile() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        let path = try test.write("members.csv", """
            Membership Number,First Name,Surname,Branch
            M1,Ann,Lee,W1
            M1,Bob,Lee,W1
            M2,Cat,Ray,Atlantis
            """)
        let error = await #expect(throws: WardenError.self) { try await test.warden.imports.importMembers(path: path, actor: .localOperator) }
        guard case .importRejected(let report) = error else {
            Issue.record("expected a rejected import")
            return
        }
        #expect(report.problems.map(\.description) == [
            "\(path):3: membership number: also on line 2",
            "\(path):4: branch: not a known ward code or name",
        ])
        #expect(try await test.warden.people.counts().members == 0)
    }
}
