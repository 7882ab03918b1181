import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

@Suite("Incidents")
struct IncidentTests {
    /// Seed 004 at small scale: in one window, organiser "rogue" changes eight North members'
    /// emails and reads a ninth; a colleague reads two of the eight; a South member is
    /// untouched. The incident "rogue, ward W1, the window" gives exactly those people, how,
    /// and who read them.
    struct Contest {
        let test: TestWarden
        let dpo: Actor
        let members: [Int: PersonID]
        let start: Timestamp
        let end: Timestamp
    }

    static func contest() async throws -> Contest {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        var lines = ["Membership Number,First Name,Surname,Email,Address 1,Postcode,Status,Joined,Branch,Dues"]
        for i in 1...12 { lines.append("N\(i),Member,Number\(i),member\(i)@example.org,\(i) Contest Road,TN9 9ZZ,Active,2020-01-01,W1,4.50") }
        for i in 1...3 { lines.append("S\(i),South,Member\(i),south\(i)@example.org,\(i) Other Road,TN8 8ZZ,Active,2020-01-01,W2,4.50") }
        _ = try await test.warden.imports.importMembers(path: try test.write("members.csv", lines.joined(separator: "\n")), actor: .localOperator)
        for (name, role, area) in [("rogue", Role.organiser, "W1"), ("colleague", .organiser, "W1"), ("dpo", .dataProtectionOfficer, "C")] {
            try await test.account(name, role, areaCode: area)
        }
        let rogue = try await test.actor("rogue")
        let colleague = try await test.actor("colleague")
        let dpo = try await test.actor("dpo")
        var members: [Int: PersonID] = [:]
        for i in 1...12 {
            members[i] = try #require(try await test.warden.people.search(PeopleQuery(text: "N\(i)"), actor: .localOperator,
                                                                          purpose: .membershipAdministration).value.first { $0.membershipNumber == "N\(i)" }?.id)
        }
        try await Task.sleep(for: .milliseconds(1_100))
        let start = Timestamp.now
        for i in 1...8 {
            _ = try await test.warden.people.changeContacts(of: members[i]!, edits: [try ContactEdit(kind: .email, text: "rogue+\(i)@example.net")],
                                                            reason: "tidying the contest list", actor: rogue, purpose: .campaignPlanning)
        }
        _ = try await test.warden.people.person(members[9]!, actor: rogue, purpose: .campaignPlanning)
        for i in [1, 2] { _ = try await test.warden.people.person(members[i]!, actor: colleague, purpose: .campaignPlanning) }
        let end = Timestamp(secondsSince1970: Timestamp.now.secondsSince1970 + 1)
        return Contest(test: test, dpo: dpo, members: members, start: start, end: end)
    }

    @Test func seed004OneOrganiserOneWardOneWindowGivesTheExactMembersAndTheirReaders() async throws {
        let contest = try await Self.contest()
        let service = contest.test.warden.incidents
        let incident = try await service.open(title: "Contact details changed during the selection", awareAt: .now,
                                              scope: IncidentScope(actors: ["rogue"], areas: ["W1"], from: contest.start, to: contest.end),
                                              actor: contest.dpo)
        let (_, findings) = try await service.findings(incident.id, actor: contest.dpo)
        let changed = Set(findings.affected.filter { $0.exposures.contains(.changed) }.map(\.person))
        #expect(changed == Set((1...8).map { contest.members[$0]! }))
        #expect(findings.affected.filter { $0.exposures.contains(.changed) }.allSatisfy { $0.fields == ["email"] && $0.by == ["rogue"] })
        #expect(Set(findings.affected.map(\.person)) == Set((1...9).map { contest.members[$0]! }))
        #expect(findings.people == 9)
        #expect(findings.exposures.first { $0.exposure == .changed }?.people == 8)
        #expect(findings.categories.contains { $0.dataClass == .contact && $0.people >= 8 })
        #expect(findings.specialCategory == .none)
        #expect(findings.areas.map(\.area) == ["North Ward (W1)"])
        let colleague = try #require(findings.readers.first { $0.actor == "colleague" })
        #expect(colleague.people == 2)
        #expect(findings.readers.contains { $0.actor == "rogue" })

        // Another ward, or another window, finds none of it.
        let south = try await service.open(title: "South check", awareAt: .now,
                                           scope: IncidentScope(actors: ["rogue"], areas: ["W2"], from: contest.start, to: contest.end), actor: contest.dpo)
        #expect(try await service.findings(south.id, actor: contest.dpo).1.people == 0)
        let before = try await service.open(title: "Before", awareAt: .now,
                                            scope: IncidentScope(actors: ["rogue"], to: contest.start.adding(seconds: -1)), actor: contest.dpo)
        #expect(try await service.findings(before.id, actor: contest.dpo).1.people == 0)
    }

    /// Seed 002 at small scale: the whole database taken. Counts per category, sealed answers
    /// stated as unintelligible, and someone erased since counted as held then.
    @Test func seed002TheWholeDatabaseCountsEveryCategoryAndSaysTheAnswersWereSealed() async throws {
        let seeded = try await SubjectAccessPackageTests.seeded()
        let test = seeded.test
        try await Task.sleep(for: .milliseconds(1_100))
        let taken = Timestamp.now
        try await Task.sleep(for: .milliseconds(1_100))
        try await test.account("dpo2", .dataProtectionOfficer, areaCode: "C")
        let asked = try await test.warden.erasures.request(person: seeded.bob, reason: "asked", suppress: false, actor: .localOperator)
        _ = try await test.warden.erasures.approve(asked.id, actor: try await test.actor("dpo2"))

        let service = test.warden.incidents
        let incident = try await service.open(title: "Ransomware at the processor", awareAt: .now,
                                              scope: IncidentScope(wholeDatabaseAsOf: taken), actor: seeded.dpo)
        let (_, findings) = try await service.findings(incident.id, actor: seeded.dpo)
        #expect(findings.people == 5)
        func count(_ dataClass: DataClass) -> Int? { findings.categories.first { $0.dataClass == dataClass }?.people }
        #expect(count(.identity) == 4)
        #expect(count(.membership) == 2)
        #expect(count(.financial) == 2)
        #expect(count(.specialCategory) == 1)
        #expect(findings.specialCategory == .sealed)
        #expect(findings.specialCategoryStatement.contains("unintelligible"))
        #expect(findings.affected.isEmpty)
        #expect(Set(findings.areas.map(\.area)).isSuperset(of: ["North Ward (W1)", "South Ward (W2)"]))
        let report = try await service.report(incident.id, actor: seeded.dpo)
        #expect(report.contains("Approximate number of people concerned (Art. 33(3)(a)): 5"))
        #expect(!report.contains("Lee") && !report.contains("ann@example.org"))
        await #expect(throws: WardenError.invalidRequest("scope: notify the people at high risk; narrow the incident from the whole database to them first")) {
            _ = try await service.notify(incident.id, subject: "About your data", body: "We are writing.", actor: seeded.dpo)
        }
    }

    @Test func theClockThePhasesAndTheNoticeToThePeopleAffected() async throws {
        let contest = try await Self.contest()
        let service = contest.test.warden.incidents
        let aware = Timestamp.now.adding(seconds: -(3_600 * 70 + 1_800))
        let incident = try await service.open(title: "Contact details changed", awareAt: aware,
                                              scope: IncidentScope(actors: ["rogue"], from: contest.start, to: contest.end), actor: contest.dpo)
        #expect(incident.reportDue == aware.adding(seconds: 72 * 3_600))
        #expect(incident.hoursLeft(at: .now) == 1)
        let phased = try await service.addPhase(incident.id, nature: "An organiser changed members' emails to addresses they control",
                                                consequences: "Ballot emails could have been diverted", measures: "Access revoked; changes rolled back",
                                                actor: contest.dpo)
        #expect(phased.phases.count == 1 && phased.hoursLeft(at: .now) == nil)
        let report = try await service.report(incident.id, actor: contest.dpo)
        #expect(report.contains("Phase 1") && report.contains("Access revoked; changes rolled back"))
        let draft = try await service.draftNotice(incident.id, actor: contest.dpo)
        #expect(draft.body.contains("Access revoked; changes rolled back") && !draft.body.contains("Number"))
        let before = try contest.test.sqlValues("SELECT COUNT(*) FROM outbox")
        let notified = try await service.notify(incident.id, subject: draft.subject, body: draft.body, actor: contest.dpo)
        #expect(notified.notice?.emailed ?? 0 >= 9)
        #expect(notified.notice?.toPost == 0)
        let after = try contest.test.sqlValues("SELECT COUNT(*) FROM outbox")
        #expect(Int(after.first ?? "0")! - Int(before.first ?? "0")! == notified.notice?.emailed)
        await #expect(throws: WardenError.conflict("incident \(incident.id): the people affected were notified already")) {
            _ = try await service.notify(incident.id, subject: draft.subject, body: draft.body, actor: contest.dpo)
        }
    }

    @Test func anIncidentNeedsBoundsAndNamesWhatItCannotFind() async throws {
        let contest = try await Self.contest()
        let service = contest.test.warden.incidents
        await #expect(throws: WardenError.invalidRequest(
            "scope: bound the incident by at least one of actors, areas, a time window (from, to), a walk list, a sheet, or the whole database as of a time")) {
            _ = try await service.open(title: "Something", awareAt: .now, scope: IncidentScope(), actor: contest.dpo)
        }
        await #expect(throws: WardenError.invalidRequest("to: the window ends before it starts")) {
            _ = try await service.open(title: "Something", awareAt: .now, scope: IncidentScope(from: contest.end, to: contest.start), actor: contest.dpo)
        }
        await #expect(throws: WardenError.notFound("actors: no account nobody")) {
            _ = try await service.open(title: "Something", awareAt: .now, scope: IncidentScope(actors: ["nobody"]), actor: contest.dpo)
        }
        await #expect(throws: WardenError.notFound("areas: no area ZZ")) {
            _ = try await service.open(title: "Something", awareAt: .now, scope: IncidentScope(areas: ["ZZ"]), actor: contest.dpo)
        }
        // Only the DPO assesses incidents; a refusal is recorded.
        await #expect(throws: WardenError.self) {
            _ = try await service.open(title: "Something", awareAt: .now, scope: IncidentScope(areas: ["W1"]),
                                       actor: Actor(kind: .account(AccountID(rawValue: 3), username: "colleague"), roles: [.organiser]))
        }
    }
}
