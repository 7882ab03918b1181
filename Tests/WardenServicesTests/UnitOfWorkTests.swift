import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// One unit of work per request: a request resolves its session in one read transaction (or,
/// on a Gate-checked route, from a resolution seconds old: see `SessionCacheHTTPTests`) and
/// does its work (decide, read or write, charge, record) in at most one group-committed
/// write, with no repeated lookups; only a search finds its people in a read of its own.
/// Counted on the store itself.
@Suite("One unit of work per request")
struct UnitOfWorkTests {
    /// The transactions `work` runs.
    func transactions(_ test: TestWarden, _ work: () async throws -> Void) async throws -> TransactionCounts {
        let before = test.warden.transactions
        try await work()
        return test.warden.transactions - before
    }

    @Test func resolvingASessionIsOneRead() async throws {
        let test = try await CanvassTests.harness()
        let token = try await test.signIn("canvasser").token
        let used = try await transactions(test) {
            guard case .signedIn = try await test.warden.authentication.resolve(token: token) else {
                Issue.record("not signed in")
                return
            }
        }
        #expect(used == TransactionCounts(reads: 1, writes: 0))
    }

    @Test func aPersonReadIsOneWrite() async throws {
        let test = try await CanvassTests.harness()
        let ann = try await CanvassTests.person(test, "M1")
        let secretary = Actor(kind: .account(AccountID(99), username: "sec"), roles: [.membershipSecretary])
        let used = try await transactions(test) {
            _ = try await test.warden.people.person(ann, actor: secretary, purpose: .membershipAdministration)
        }
        #expect(used == TransactionCounts(reads: 0, writes: 1))
    }

    /// A search may walk a long stretch of an index, so it reads before the write rather than
    /// holding the single writer while it looks.
    @Test func aSearchReadsOnceAndRecordsInOneWrite() async throws {
        let test = try await CanvassTests.harness()
        let secretary = Actor(kind: .account(AccountID(99), username: "sec"), roles: [.membershipSecretary])
        let used = try await transactions(test) {
            _ = try await test.warden.people.search(PeopleQuery(text: "Lee"), actor: secretary, purpose: .membershipAdministration)
        }
        #expect(used == TransactionCounts(reads: 1, writes: 1))
    }

    @Test func aDoorstepTapAndTheNextStopAreOneWriteEach() async throws {
        let test = try await CanvassTests.harness()
        let list = try await test.walkList(assignedTo: "canvasser")
        let canvasser = try await test.actor("canvasser")
        let ann = try await CanvassTests.person(test, "M1")
        // The first page reads the list's place and campaign once; they stay in memory.
        _ = try await test.warden.canvass.doors(of: list.id, stop: 1, actor: canvasser, purpose: .canvassing)
        let tap = try await transactions(test) {
            _ = try await test.warden.canvass.record(CanvassResult(personID: ann, walkListID: list.id, outcome: .notIn), actor: canvasser)
        }
        #expect(tap == TransactionCounts(reads: 0, writes: 1))
        let page = try await transactions(test) {
            _ = try await test.warden.canvass.doors(of: list.id, stop: 2, actor: canvasser, purpose: .canvassing)
        }
        #expect(page == TransactionCounts(reads: 0, writes: 1))
    }

    @Test func aRefusedReadIsRecordedInItsOneWrite() async throws {
        let test = try await CanvassTests.harness()
        let ann = try await CanvassTests.person(test, "M1")
        let canvasser = try await test.actor("canvasser")
        let used = try await transactions(test) {
            await #expect(throws: WardenError.self) {
                _ = try await test.warden.people.person(ann, actor: canvasser, purpose: .canvassing)
            }
        }
        #expect(used == TransactionCounts(reads: 0, writes: 1))
    }
}
