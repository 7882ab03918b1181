import Testing
import WardenCore
import WardenServices
import WardenTestSupport

@Suite("Subject access cases")
struct SubjectAccessCaseTests {
    /// A Warden with the small register and members loaded and a DPO account.
    func warden() async throws -> (TestWarden, Actor) {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadRegister()
        try await test.loadMembers()
        try await test.account("dpo", .dataProtectionOfficer, areaCode: "C")
        return (test, try await test.actor("dpo"))
    }

    @Test func onlyTheDataProtectionOfficerHandlesCasesAndEveryRefusalIsRecorded() async throws {
        let (test, dpo) = try await warden()
        let service = test.warden.subjectAccess
        let opened = try await service.open(requester: "Ann Lee", channel: .email, receivedOn: Timestamp.now.date, actor: dpo)
        #expect(opened.state == .received && opened.openedBy == "dpo")
        #expect(opened.dueOn == SubjectAccessDeadline.due(received: Timestamp.now.date))

        try await test.account("organiser", .organiser, areaCode: "W1")
        let organiser = try await test.actor("organiser")
        await #expect(throws: WardenError.forbidden("only the data protection officer handles subject access requests")) {
            _ = try await service.open(requester: "Ann Lee", channel: .email, receivedOn: Timestamp.now.date, actor: organiser)
        }
        await #expect(throws: WardenError.forbidden("only the data protection officer handles subject access requests")) {
            _ = try await service.candidates(for: opened.id, PeopleQuery(text: "Lee", alsoMatching: .postcode("TN1 1AA")), actor: organiser)
        }
        let refusals = try await test.warden.accounts.recentAudit(actor: .localOperator, limit: 5)
            .filter { $0.outcome == .refused && $0.actor == "organiser" && $0.purpose == .subjectAccess }
        #expect(refusals.count == 2)
    }

    @Test func badInputIsRefusedAndNothingIsOpened() async throws {
        let (test, dpo) = try await warden()
        let service = test.warden.subjectAccess
        await #expect(throws: WardenError.invalidRequest("received: not a date in the future")) {
            _ = try await service.open(requester: "Ann", channel: .post, receivedOn: Timestamp.now.date.adding(days: 1), actor: dpo)
        }
        await #expect(throws: WardenError.invalidRequest("requester: a name of 1 to 200 characters")) {
            _ = try await service.open(requester: " ", channel: .post, receivedOn: Timestamp.now.date, actor: dpo)
        }
        await #expect(throws: WardenError.notFound("no subject access case 41")) {
            _ = try await service.move(SubjectAccessCaseID(41), .prepare, actor: dpo)
        }
        #expect(try await service.cases(all: true, actor: dpo).isEmpty)
    }

    /// The DPO finds the requester by name and one more fact; every candidate is recorded as
    /// read for subject access, and the DPO's choice names the people confirmed.
    @Test func theCandidatesAndTheChoiceAreRecorded() async throws {
        let (test, dpo) = try await warden()
        let service = test.warden.subjectAccess
        let opened = try await service.open(requester: "Ann Lee", channel: .email, receivedOn: Timestamp.now.date, actor: dpo)

        let household = try await service.candidates(for: opened.id, PeopleQuery(text: "Lee", alsoMatching: .postcode("TN1 1AA")), actor: dpo)
        #expect(Set(household.compactMap(\.forenames)) == ["Ann", "Bob"])
        let byEmail = try await service.candidates(for: opened.id, PeopleQuery(text: "Lee", alsoMatching: .email("ann@example.org")), actor: dpo)
        #expect(byEmail.compactMap(\.forenames) == ["Ann"])
        let ann = try #require(byEmail.first?.id)
        let search = try #require(try await test.warden.accounts.recentAudit(actor: .localOperator, limit: 5).first { $0.action == .search })
        #expect(search.purpose == .subjectAccess && search.actor == "dpo")
        #expect(search.people == [ann])
        #expect(search.detail == "subject access case \(opened.id): search")

        let confirmed = try await service.move(opened.id, .confirmSubjects([ann]), actor: dpo)
        #expect(confirmed.subjects == [ann])
        let choice = try #require(try await test.warden.accounts.recentAudit(actor: .localOperator, limit: 1).first)
        #expect(choice.action == .subjectAccess && choice.people == [ann])
        await #expect(throws: WardenError.notFound("no person record 424242")) {
            _ = try await service.move(opened.id, .confirmSubjects([ann, PersonID(424_242)]), actor: dpo)
        }
        #expect(try await service.case(opened.id, actor: dpo).subjects == [ann])
    }

    @Test func aCaseRunsFromReceivedToClosedAndEachStepIsLogged() async throws {
        let (test, dpo) = try await warden()
        let service = test.warden.subjectAccess
        let opened = try await service.open(requester: "Cat Ray", channel: .post, receivedOn: Timestamp.now.date, actor: dpo)
        let cat = try #require(try await service.candidates(for: opened.id, PeopleQuery(text: "Ray", alsoMatching: .postcode("TN2 2BB")), actor: dpo).first)
        for step: SubjectAccessLifecycle.Step in [.verifyIdentity(method: "signed letter matching the register"), .confirmSubjects([cat.id]), .prepare,
                                                   .send(how: "posted, recorded delivery"), .close] {
            _ = try await service.move(opened.id, step, actor: dpo)
        }
        let closed = try await service.case(opened.id, actor: dpo)
        #expect(closed.state == .closed && closed.revision == 5)
        await #expect(throws: WardenError.conflict("case \(opened.id) is closed: too late or too early to refuse it")) {
            _ = try await service.move(opened.id, .refuse(.manifestlyUnfounded, reason: "no"), actor: dpo)
        }
        let steps = try await test.warden.accounts.recentAudit(actor: .localOperator, limit: 20)
            .filter { $0.action == .subjectAccess }.map(\.detail).reversed()
        #expect(Array(steps) == [
            "subject access case: opened", "subject access case \(opened.id): identity verified",
            "subject access case \(opened.id): 1 person record(s) confirmed", "subject access case \(opened.id): in preparation",
            "subject access case \(opened.id): sent", "subject access case \(opened.id): closed",
        ].map { $0 == "subject access case: opened" ? "subject access case \(opened.id): opened" : $0 })
        #expect(try await service.cases(actor: dpo).isEmpty)
    }

    /// Nothing goes overdue unseen: a week ahead and once overdue, each case alerts the DPO
    /// once per due date, without the requester's name.
    @Test func dueAndOverdueCasesAlertTheOfficerOnce() async throws {
        let (test, dpo) = try await warden()
        let service = test.warden.subjectAccess
        let today = Timestamp.now.date
        let soon = try await service.open(requester: "Ann Lee", channel: .email, receivedOn: today.adding(months: -1).adding(days: 3), actor: dpo)
        let late = try await service.open(requester: "Bob Lee", channel: .email, receivedOn: today.adding(months: -2), actor: dpo)
        _ = try await service.open(requester: "Cat Ray", channel: .email, receivedOn: today, actor: dpo)
        #expect(try await service.cases(actor: dpo).map(\.id) == [late.id, soon.id, SubjectAccessCaseID(late.id.rawValue + 1)])

        #expect(try await service.raiseDueAlerts(on: today, actor: .localOperator) == 2)
        #expect(try await service.raiseDueAlerts(on: today, actor: .localOperator) == 0)
        let alerts = try await test.warden.alerts.list(actor: dpo).filter { $0.kind == .subjectAccessDue }
        #expect(alerts.count == 2)
        #expect(alerts.contains { $0.detail.hasPrefix("subject access case \(late.id) was due on") && $0.detail.hasSuffix("overdue") })
        #expect(alerts.contains { $0.detail.hasPrefix("subject access case \(soon.id) is due on") })
        #expect(!alerts.contains { $0.detail.contains("Lee") })
    }
}
