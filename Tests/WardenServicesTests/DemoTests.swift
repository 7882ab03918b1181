import Foundation
import Testing
import WardenCore
import WardenDemo
import WardenServices
import WardenTestSupport

@Suite("Demo constituency")
struct DemoTests {
    @Test func hasTheRequiredShape() {
        let demo = DemoConstituency()
        #expect(demo.register.count >= 50_000)
        #expect(demo.areas.filter { $0.level == .ward }.count == 5)
        #expect(demo.areas.filter { $0.level == .pollingDistrict }.count == 20)
        #expect(demo.members.count == 2_500)
        let statuses = Dictionary(grouping: demo.members, by: \.status).mapValues(\.count)
        #expect(Set(statuses.keys) == Set(MembershipStatus.allCases))
        #expect(statuses[.active, default: 0] > demo.members.count / 2)
        #expect(demo.register.contains { $0.isAnonymous })
        #expect(demo.register.contains { $0.address.isEmpty && !$0.isAnonymous })
        #expect(demo.members.allSatisfy { $0.contactPoints.allSatisfy { $0.kind == .phone || $0.value.hasSuffix("@example.org") } })
    }

    @Test func isTheSameEveryTime() {
        #expect(DemoConstituency(electors: 500, members: 20).register == DemoConstituency(electors: 500, members: 20).register)
    }

    @Test func seedsAWardenWithAnAccountPerRole() async throws {
        let test = try await TestWarden.make(administratorPassword: DemoSeeder.password)
        let ballot = try await DemoSeeder.seed(test.warden, constituency: DemoConstituency(electors: 2_000, members: 100),
                                               ballotKeys: test.directory.appendingPathComponent("trustees").path)
        let counts = try await test.warden.people.counts()
        #expect(counts.electors >= 2_000)
        #expect(counts.members == 100)
        #expect(Set(DemoSeeder.accounts.map(\.role)) == Set(Role.allCases))
        for account in DemoSeeder.accounts {
            let signedIn = try await test.signIn(account.username, password: DemoSeeder.password)
            #expect(signedIn.actor.roles == [account.role])
        }
        // The demo's collections fit its statuses: the dues rules moved nobody.
        #expect(try Int(#require(test.sqlValues("SELECT COUNT(*) FROM payment").first)) ?? 0 > 100)
        #expect(try test.sqlValues("SELECT COUNT(*) FROM membership_history") == ["0"])
        #expect(try test.sqlValues("SELECT COUNT(*) FROM member WHERE status = 'in_arrears' AND paid_until IS NULL") == ["0"])
        // The demo ballot is open, with votes in its box, credentials to spare and its trustees' keys on disk.
        let open = try await test.warden.ballots.ballot(ballot.ballot)
        #expect(open.phase(at: .now) == .open)
        #expect(ballot.spareCredentials.count == 3)
        #expect(try Int(#require(test.sqlValues("SELECT COUNT(*) FROM ballot_box").first)) ?? 0 > 0)
        for trustee in ["organiser", "campaign", "dpo"] {
            #expect(FileManager.default.fileExists(atPath: ballot.keyDirectory + "/\(trustee).txt"))
        }
        _ = try await test.warden.ballots.cast(ballot.ballot, credential: ballot.spareCredentials[0], ranking: [2, 1])

        // The AGM notice went to the first ward's members with an email; a campaigning draft waits for the organiser.
        let mailings = try await test.warden.mailings.mailings(actor: .localOperator)
        #expect(mailings.map(\.state) == [.draft, .sent])
        #expect((mailings.last?.sent?.queued ?? 0) > 0)
        let volunteers = try await test.warden.volunteers.list(actor: .localOperator)
        #expect(volunteers.count == 6 && volunteers.filter { $0.status == .lapsed }.count == 1)
        let events = try await test.warden.events.list(actor: .localOperator)
        #expect(events.map(\.event.details.access) == [.public, .membersOnly] && events.allSatisfy { $0.event.details.starts > .now })
    }
}
