import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

@Suite("Retention")
struct RetentionTests {
    /// A party with someone in every category at the edge of their period, a day either side:
    /// - former members: Eve left 6 years and a day ago (off the register: erased), Fay 6 years
    ///   less a day ago (kept), Bob 7 years ago but still on the register (kept as an elector
    ///   only), Hal 7 years ago but holding an organiser grant (held);
    /// - off the register: Dan and the anonymous entry left with an edition imported 91 days ago
    ///   (erased), Gus with one 89 days ago (kept);
    /// - doorstep results: Ann's from a campaign that ended 4 years and a day ago (deleted) and
    ///   from one that ended 4 years less a day ago (kept);
    /// - a sign-in failure 31 days old (deleted).
    struct Party {
        let test: TestWarden
        func person(_ text: String) async throws -> PersonID? {
            try await test.warden.people.search(PeopleQuery(text: text), actor: .localOperator, purpose: .dataProtection).value.first?.id
        }
    }

    static func date(years: Int = 0, days: Int = 0) -> CalendarDate {
        Timestamp.now.date.adding(months: -12 * years).adding(days: -days)
    }

    static func party() async throws -> Party {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        let register = """
            Elector Number Prefix,Elector Number,Elector Number Suffix,Elector Markers,Elector DOB,Elector Surname,Elector Forename,PostCode,Address1,Address2
            AA,1,,,,Lee,Ann,TN1 1AA,1 Mill Lane,Town
            AA,2,,,,Lee,Bob,TN1 1AA,1 Mill Lane,Town
            AA,3,,N,,,,,,
            AA,4,,F,,Fox,Dan,,,
            BA,1,,,,Ray,Cat,TN2 2BB,"Flat 2, 5 High Street",Town
            BA,2,,,,Ray,Gus,TN2 2BB,"Flat 2, 5 High Street",Town
            """
        _ = try await test.warden.imports.importRegister(path: try test.write("register.csv", register), actor: .localOperator)
        let members = """
            Membership Number,First Name,Surname,Email,Mobile,Address 1,Postcode,Status,Joined,Date Left,Branch,Dues
            M1,Ann,Lee,ann@example.org,07700 900001,1 Mill Lane,TN1 1AA,Active,2019-01-01,,W1,4.50
            M2,Cat,Ray,cat@example.org,,"Flat 2, 5 High Street",TN2 2BB,Active,2020-01-01,,W2,4.50
            M3,Eve,Old,eve@example.org,,9 Far Road,TN9 9ZZ,Resigned,2001-01-01,\(date(years: 6, days: 1)),W1,4.50
            M4,Fay,Edge,fay@example.org,,8 Far Road,TN9 9ZZ,Lapsed,2001-01-01,\(date(years: 6, days: -1)),W1,4.50
            M5,Bob,Lee,bob@example.org,,1 Mill Lane,TN1 1AA,Resigned,2001-01-01,\(date(years: 7)),W1,4.50
            M6,Hal,Held,hal@example.org,,7 Far Road,TN9 9ZZ,Resigned,2001-01-01,\(date(years: 7)),W1,4.50
            """
        let report = try await test.warden.imports.importMembers(path: try test.write("members.csv", members), actor: .localOperator)
        #expect(report.problems.isEmpty, "\(report.problems)")
        try await test.account("hal", .organiser, areaCode: "W1", membershipNumber: "M6")
        try await test.account("canvasser", .canvasser, areaCode: "AA")

        // Two campaigns with a result for Ann in each, their ends moved into the past.
        let old = try await test.walkList(assignedTo: "canvasser")
        let recent = try await test.walkList(assignedTo: "canvasser")
        let canvasser = try await test.actor("canvasser")
        let party = Party(test: test)
        let ann = try #require(try await party.person("M1"))
        for list in [old, recent] {
            _ = try await test.warden.canvass.record(CanvassResult(personID: ann, walkListID: list.id, outcome: .spoke,
                                                                   answers: SurveyAnswers(intention: "Green")), actor: canvasser)
        }
        try test.sql("UPDATE campaign SET ends_on = '\(date(years: 4, days: 1))' WHERE id = \(old.campaignID.rawValue)")
        try test.sql("UPDATE campaign SET ends_on = '\(date(years: 4, days: -1))' WHERE id = \(recent.campaignID.rawValue)")

        // New editions: AA without Dan (91 days ago), BA without Gus (89 days ago).
        _ = try await test.warden.imports.importRegister(path: try test.write("aa.csv", """
            Elector Number Prefix,Elector Number,Elector Surname,Elector Forename,PostCode,Address1,Address2
            AA,1,Lee,Ann,TN1 1AA,1 Mill Lane,Town
            AA,2,Lee,Bob,TN1 1AA,1 Mill Lane,Town
            """), actor: .localOperator)
        _ = try await test.warden.imports.importRegister(path: try test.write("ba.csv", """
            Elector Number Prefix,Elector Number,Elector Surname,Elector Forename,PostCode,Address1,Address2
            BA,1,Ray,Cat,TN2 2BB,"Flat 2, 5 High Street",Town
            """), actor: .localOperator)
        try test.sql("UPDATE register_import SET imported_at = '\(Timestamp.now.adding(days: -91))' WHERE file_name LIKE '%aa.csv'")
        try test.sql("UPDATE register_import SET imported_at = '\(Timestamp.now.adding(days: -89))' WHERE file_name LIKE '%ba.csv'")

        _ = try? await test.warden.authentication.signIn(username: "nobody", password: "wrong password", secondFactor: nil)
        try test.sql("UPDATE sign_in_failure SET at = '\(Timestamp.now.adding(days: -31))'")
        return party
    }

    @Test func planAndRunAgreeAndReachExactlyThePeoplePastTheirPeriod() async throws {
        let party = try await Self.party()
        let warden = party.test.warden
        let bob = try #require(try await party.person("M5"))
        let plan = try await warden.retention.plan(actor: .localOperator)
        func count(_ category: RetentionCategory, _ reason: String) -> (Int, Int)? {
            plan.lines.first { $0.category == category && $0.reason.contains(reason) }.map { ($0.people, $0.rows) }
        }
        #expect(count(.formerMembers, "not on the register: erased")! == (1, 1))
        #expect(count(.formerMembers, "kept as an elector only")! == (1, 1))
        #expect(count(.formerMembers, "holds staff grants")! == (1, 1))
        #expect(count(.offRegister, "erased")! == (2, 2))
        #expect(count(.canvassAnswers, "campaign ended")! == (1, 1))
        #expect(count(.sessions, "older than 30 days")!.1 == 1)
        #expect(plan.due == (people: 5, rows: 6))

        let report = try await warden.retention.run(actor: .localOperator)
        #expect(report.lines == plan.lines)
        let after = try await warden.retention.plan(actor: .localOperator)
        #expect(after.due == (people: 0, rows: 0))
        #expect(after.lines.filter(\.held).map(\.people) == [1])

        // Who went and who stayed.
        #expect(try await party.person("M3") == nil)
        #expect(try party.test.sqlValues("SELECT forenames FROM person WHERE surname IN ('Fox', 'Ray') ORDER BY 1") == ["Cat", "Gus"])
        #expect(try await party.person("M4") != nil)
        #expect(try await party.person("M6") != nil)
        let kept = try #require(try await party.person("AA-2"))
        #expect(kept != bob)
        #expect(try await party.person("M5") == nil)
        let view = try await warden.people.person(kept, actor: .localOperator, purpose: .dataProtection).value
        #expect(view.forenames == "Bob" && view.membershipNumber == nil && (view.emails ?? []).isEmpty)
        #expect(try party.test.sqlValues("SELECT COUNT(*) FROM canvass_contact") == ["1"])
        #expect(try party.test.sqlValues("SELECT COUNT(*) FROM sign_in_failure") == ["0"])

        // Every removal is an erasure in the log and the ledger, and the log still verifies.
        let erasures = try await warden.erasures.erasures(actor: .localOperator)
        #expect(erasures.count == 3 && erasures.allSatisfy { $0.kind == .retention && $0.state == .done && !$0.suppress })
        _ = try await warden.log.checkpoint()
        let verified = try await warden.log.verify(actor: .localOperator)
        #expect(verified.isIntact, "\(verified.findings)")
        #expect(verified.erasures.map(\.people).reduce(0, +) == 4)
    }

    @Test func theServerRunsItOnceADayAndOnlyTheOperatorRunsIt() async throws {
        let party = try await Self.party()
        let warden = party.test.warden
        #expect(try await warden.retention.lastRun() == nil)
        let first = try #require(try await warden.retention.runIfDue(actor: .localOperator))
        #expect(first.due.people == 5)
        #expect(try await warden.retention.runIfDue(actor: .localOperator) == nil)
        #expect(try await warden.retention.lastRun() != nil)
        try await party.test.account("dpo", .dataProtectionOfficer, areaCode: "C")
        let dpo = try await party.test.actor("dpo")
        _ = try await warden.retention.plan(actor: dpo)
        await #expect(throws: WardenError.forbidden("retention runs on the server, as its operator")) {
            _ = try await warden.retention.run(actor: dpo)
        }
        await #expect(throws: WardenError.self) {
            _ = try await warden.retention.plan(actor: try await party.test.actor("hal"))
        }
    }

    /// A real `warden serve` applies the schedule by itself soon after it starts.
    @Test func aRunningServerAppliesTheScheduleByItself() async throws {
        let party = try await Self.party()
        let configuration = party.test.warden.configuration
        let server = try await ServerProcess(database: configuration.databasePath, keyRing: configuration.keyRingPath,
                                             witness: party.test.directory.appendingPathComponent("server.witness").path, in: party.test.directory)
        // Killed, not stopped: a graceful stop's wait would hold one of the two cooperative threads.
        defer { server.kill() }
        var ran = false
        for _ in 0..<100 where !ran {
            ran = try party.test.sqlValues("SELECT COUNT(*) FROM setting WHERE key = 'retention_last_run'") == ["1"]
            if !ran { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(ran)
        #expect(try await party.person("M3") == nil)
        #expect(try await party.person("M4") != nil)
    }

    @Test func aScheduleThatWouldDeleteTheLogIsRefused() async throws {
        let test = try await TestWarden.make()
        var register = ProcessingRegister.ukPartyDefault
        register.retentionSchedule?.auditLogDays = 365
        let json = try JSONEncoder().encode(register)
        await #expect(throws: WardenError.invalidRequest(
            "retentionSchedule.auditLogDays: the audit log, its hashes and checkpoints are never deleted (they prove every record); leave it out")) {
            try await test.warden.subjectAccess.setRegister(json: Array(json), actor: .localOperator)
        }
        register.retentionSchedule = RetentionSchedule(formerMembersYears: 0, offRegisterDays: 90, canvassAnswersYears: 4, sessionDays: 1)
        #expect(register.problems == ["retentionSchedule.formerMembersYears: 1 to 50",
                                      "retentionSchedule.sessionDays: 2 to 3650 (read budgets count the last day)"])
    }
}
