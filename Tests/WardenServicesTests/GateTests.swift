import Testing
import WardenCore
import WardenServices
import WardenTestSupport

@Suite("The Gate")
struct GateTests {
    func actor(_ role: Role) -> Actor { Actor(kind: .account(AccountID(99), username: "someone"), roles: [role]) }

    @Test func anAllowedReadReturnsOnlyTheRolesFieldsAndIsRecorded() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadRegister()
        try await test.loadMembers()
        let ann = try #require(try await test.warden.people.search(PeopleQuery(text: "M1"), actor: .localOperator, purpose: .membershipAdministration).value.first)

        let secretaryView = try await test.warden.people.person(ann.id, actor: actor(.membershipSecretary), purpose: .membershipAdministration).value
        #expect(secretaryView.emails?.isEmpty == false)
        #expect(secretaryView.dues != nil)

        try await test.account("canvasser", .canvasser, areaCode: "AA")
        _ = try await test.walkList(assignedTo: "canvasser")
        let canvasserView = try await test.warden.people.person(ann.id, actor: try await test.actor("canvasser"), purpose: .canvassing).value
        #expect(canvasserView.surname == "Lee")
        #expect(canvasserView.emails == nil)
        #expect(canvasserView.phones == nil)
        #expect(canvasserView.dues == nil)
        #expect(canvasserView.membershipStatus == nil)
        #expect(canvasserView.withheld.contains(.emails))

        let audit = try await test.warden.accounts.recentAudit(actor: .localOperator, limit: 1)
        #expect(audit.first?.action == .read)
        #expect(audit.first?.actor == "canvasser")
        #expect(audit.first?.purpose == .canvassing)
        #expect(audit.first?.dataClasses == [.identity, .contact])  // what the canvasser was shown, no more
    }

    @Test func anAdministratorIsRefusedAndTheRefusalRecorded() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadRegister()
        await #expect(throws: WardenError.forbidden("your grants do not include reading people's records for account administration")) {
            _ = try await test.warden.people.search(PeopleQuery(text: "lee"), actor: actor(.administrator), purpose: .accountAdministration).value
        }
        let audit = try await test.warden.accounts.recentAudit(actor: .localOperator, limit: 1)
        #expect(audit.first?.outcome == .refused)
    }

    @Test func anActorWithNoGrantsIsRefused() async throws {
        let test = try await TestWarden.make()
        let nobody = Actor(kind: .account(AccountID(5), username: "nobody"), roles: [])
        await #expect(throws: WardenError.self) {
            _ = try await test.warden.people.person(PersonID(1), actor: nobody, purpose: .selfService).value
        }
    }

    @Test func aMissingPersonAndAForbiddenOneLookTheSameToTheCaller() async throws {
        let test = try await TestWarden.make()
        let error = await #expect(throws: WardenError.self) {
            _ = try await test.warden.people.person(PersonID(12_345), actor: actor(.organiser), purpose: .campaignPlanning).value
        }
        #expect(error == .notFound("no such person, or not one you may see"))
    }

    @Test func onlyTheDPOReadsTheAuditTrail() async throws {
        let test = try await TestWarden.make()
        await #expect(throws: WardenError.self) { _ = try await test.warden.accounts.recentAudit(actor: actor(.organiser)) }
        #expect(try await test.warden.accounts.recentAudit(actor: actor(.dataProtectionOfficer), limit: 1).first?.outcome == .refused)
    }
}
