import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// Handing out walk lists and their paper: an assignment gives the canvasser a grant scoped
/// to the list until it expires or is ended, the lifecycle's refusal changes nothing, and
/// each printed sheet has a serial, is closed once, and too many out at once alert the DPO.
@Suite("Store contract: walk list assignments and sheets")
struct WalkListContractTests {
    @Test(arguments: StoreEngine.allCases)
    func anAssignmentGrantsTheListUntilItExpiresOrIsEnded(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let (_, list) = try await Fixture.walkList(store)
        let sam = try await Fixture.account(store, "sam")
        let now = Timestamp.now
        let assigned = try await store.assignWalkList(Fixture.assignment(list.id, to: sam, at: now, hours: 4))
        let assignment = try #require(assigned.assignment)
        #expect(assignment.accountID == sam)
        #expect(assignment.username == "sam")
        #expect(assignment.expiresAt == now.adding(seconds: 4 * 3_600))
        #expect(try await store.walkList(list.id) == assigned)
        let grant = try #require(try await store.activeGrants(sam, at: now).first)
        #expect(grant.id == assignment.grantID)
        #expect(grant.role == .canvasser)
        #expect(grant.scopeWalkListID == list.id)
        #expect(try await store.walkLists(heldBy: sam, at: now) == [assigned])
        #expect(try await store.walkLists(heldBy: sam, at: now.adding(seconds: 5 * 3_600)).isEmpty)

        let bob = try await Fixture.account(store, "bob")
        await #expect(throws: WardenError.self) { _ = try await store.assignWalkList(Fixture.assignment(list.id, to: bob, at: now)) }
        #expect(try await store.walkList(list.id)?.assignment?.accountID == sam)
        #expect(try await store.activeGrants(bob, at: now).isEmpty)

        try await store.endWalkListAssignment(list.id, by: "organiser", at: now, audit: Fixture.audit(.canvassOrganised))
        #expect(try await store.walkList(list.id)?.assignment?.endedAt == now)
        #expect(try await store.walkLists(heldBy: sam, at: now).isEmpty)
        #expect(try await store.activeGrants(sam, at: now).isEmpty)
        #expect(try await store.grant(assignment.grantID)?.revokedAt == now)
        await #expect(throws: WardenError.self) {
            try await store.endWalkListAssignment(list.id, by: "organiser", at: now, audit: Fixture.audit(.canvassOrganised))
        }

        let reassigned = try await store.assignWalkList(Fixture.assignment(list.id, to: bob, at: now))
        #expect(reassigned.assignment?.accountID == bob)
        #expect(reassigned.assignment?.endedAt == nil)
        #expect(try await store.walkLists(heldBy: bob, at: now).map(\.id) == [list.id])
    }

    @Test(arguments: StoreEngine.allCases)
    func theDecisionSeesTheAssigneesStandingGrants(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let (_, list) = try await Fixture.walkList(store)
        let district = try await Fixture.area(store, "AA")
        let sam = try await Fixture.account(store, "sam", grants: [Fixture.grant(.canvasser, over: district, purpose: .canvassing)])
        let now = Timestamp.now
        let seen = try await store.assignWalkList(WalkListAssignmentRequest(
            listID: list.id, accountID: sam, grantedBy: "organiser", at: now, audit: Fixture.audit(.canvassOrganised)
        ) { list, grants in
            guard grants.map(\.scopeAreaID) == [district] else { throw WardenError.forbidden("no canvasser grant") }
            return try WalkListLifecycle.assign(list, hours: 1, at: now)
        })
        #expect(seen.assignment?.expiresAt == now.adding(seconds: 3_600))
        #expect(try await store.recentAuditEvents(limit: 1).first?.action == .canvassOrganised)
    }

    @Test(arguments: StoreEngine.allCases)
    func printedSheetsHaveSerialsAreClosedOnceAndTooManyOutAlert(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let (_, list) = try await Fixture.walkList(store)
        let now = Timestamp.now
        let first = try await store.printWalkSheet(list.id, by: "organiser", at: now, audit: Fixture.audit(.canvassOrganised))
        #expect(first.serial == WalkSheet.serial(list: list.id, copy: 1))
        #expect(first.status == .out)
        #expect(first.printedBy == "organiser")
        let second = try await store.printWalkSheet(list.id, by: "organiser", at: now, audit: Fixture.audit(.canvassOrganised))
        #expect(second.serial == WalkSheet.serial(list: list.id, copy: 2))

        let returned = try await store.closeWalkSheet(serial: first.serial, as: .returned, by: "organiser", at: now, audit: Fixture.audit(.canvassOrganised))
        #expect(returned.status == .returned)
        #expect(returned.closedBy == "organiser")
        #expect(returned.closedAt == now)
        #expect(try await store.walkSheets(list.id) == [returned, second])
        await #expect(throws: WardenError.self) {
            _ = try await store.closeWalkSheet(serial: first.serial, as: .destroyed, by: "o", at: now, audit: Fixture.audit(.canvassOrganised))
        }
        await #expect(throws: WardenError.self) {
            _ = try await store.closeWalkSheet(serial: second.serial, as: .out, by: "o", at: now, audit: Fixture.audit(.canvassOrganised))
        }
        await #expect(throws: StoreError.self) {
            _ = try await store.closeWalkSheet(serial: "WL-99999-01", as: .destroyed, by: "o", at: now, audit: Fixture.audit(.canvassOrganised))
        }
        await #expect(throws: StoreError.notFound("walk list 999")) {
            _ = try await store.printWalkSheet(WalkListID(999), by: "o", at: now, audit: Fixture.audit(.canvassOrganised))
        }
        #expect(try await store.walkSheets(WalkListID(999)).isEmpty)
        #expect(try await store.alerts(all: false, limit: 5).isEmpty)

        for _ in 1...ActivityWatch.outstandingSheetLimit {
            _ = try await store.printWalkSheet(list.id, by: "organiser", at: now, audit: Fixture.audit(.canvassOrganised))
        }
        #expect(try await store.walkSheets(list.id).filter { $0.status == .out }.count == ActivityWatch.outstandingSheetLimit + 1)
        #expect(try await store.alerts(all: false, limit: 5).map(\.kind) == [.reprint])
    }
}
