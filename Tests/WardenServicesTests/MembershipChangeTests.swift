import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// The membership secretary moves members through the lifecycle; the move is versioned and
/// recorded, ends the member's access at the next request, and nobody else can make it.
@Suite("Membership status changes")
struct MembershipChangeTests {
    func setUp() async throws -> (TestWarden, ann: PersonID) {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadRegister()
        try await test.loadMembers()
        try await test.account("secretary", .membershipSecretary, areaCode: "C")
        try await test.account("organiser", .organiser, areaCode: "W1")
        try await test.account("member", .member, membershipNumber: "M1")
        let ann = try #require(try await test.warden.people.search(PeopleQuery(text: "M1"), actor: .localOperator, purpose: .membershipAdministration).value.first?.id)
        return (test, ann)
    }

    @Test func theSecretarySuspendsAMemberWhoseAccountThenLosesAccess() async throws {
        let (test, ann) = try await setUp()
        let member = try await test.signIn("member")
        let secretary = try await test.actor("secretary")
        let moved = try await test.warden.people.changeMembership(of: ann, event: .suspended, reason: "disciplinary process", actor: secretary)
        #expect(moved.from == .active && moved.to == .suspended)
        let view = try await test.warden.people.person(ann, actor: secretary, purpose: .membershipAdministration).value
        #expect(view.membershipStatus == .suspended)
        guard case .accessEnded = try await test.warden.authentication.resolve(token: member.token) else {
            Issue.record("a suspended member's session still resolves")
            return
        }
        let history = try await test.warden.investigations.history(of: ann, proofs: false, actor: .localOperator)
        #expect(history.changes.contains { $0.fields.contains("membership_status") && $0.actor == "secretary" })
        _ = try await test.warden.log.checkpoint()
        let findings = try await test.warden.log.verify(actor: .localOperator).findings
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test func theLifecycleRefusesAMoveItDoesNotAllowAndNothingChanges() async throws {
        let (test, ann) = try await setUp()
        let secretary = try await test.actor("secretary")
        _ = try await test.warden.people.changeMembership(of: ann, event: .expelled, reason: "expelled by the NEC", actor: secretary)
        await #expect(throws: WardenError.self) {
            _ = try await test.warden.people.changeMembership(of: ann, event: .reinstated, reason: "oops", actor: secretary)
        }
        let view = try await test.warden.people.person(ann, actor: secretary, purpose: .membershipAdministration).value
        #expect(view.membershipStatus == .expelled)
    }

    @Test func anOrganiserCannotChangeAMembershipAndTheRefusalIsRecorded() async throws {
        let (test, ann) = try await setUp()
        let organiser = try await test.actor("organiser")
        await #expect(throws: WardenError.self) {
            _ = try await test.warden.people.changeMembership(of: ann, event: .resigned, reason: "x", actor: organiser)
        }
        let audit = try await test.warden.accounts.recentAudit(actor: .localOperator, limit: 1)
        #expect(audit.first?.outcome == .refused && audit.first?.actor == "organiser")
    }
}
