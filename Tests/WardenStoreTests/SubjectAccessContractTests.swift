import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// Subject access cases: opened with an identifier, listed by due date, moved only over the
/// revision read, their subjects person records, each alert raised once per due date.
@Suite("Store contract: subject access cases")
struct SubjectAccessContractTests {
    func draft(_ requester: String, received: String) -> SubjectAccessCase {
        SubjectAccessCase(id: SubjectAccessCaseID(0), requester: requester, channel: .post, receivedOn: CalendarDate(parsing: received)!,
                          openedBy: "dpo", openedAt: .now)
    }

    @Test(arguments: StoreEngine.allCases)
    func casesAreListedSoonestDueFirstAndMovedOnlyOverWhatWasRead(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let later = try await store.openSubjectAccessCase(draft("Later", received: "2026-03-03"), audit: Fixture.audit(.subjectAccess))
        let sooner = try await store.openSubjectAccessCase(draft("Sooner", received: "2026-02-10"), audit: Fixture.audit(.subjectAccess))
        #expect(later.id != sooner.id)
        #expect(try await store.subjectAccessCases(all: false, limit: 10).map(\.requester) == ["Sooner", "Later"])
        #expect(try await store.subjectAccessCases(owedBy: CalendarDate(parsing: "2026-03-10")!).map(\.requester) == ["Sooner"])
        #expect(try await store.subjectAccessCase(SubjectAccessCaseID(999)) == nil)

        let ann = try await Fixture.personID(store, "AA-1")
        let bob = try await Fixture.personID(store, "AA-2")
        var moved = sooner
        moved.subjects = [ann, bob]
        moved.state = .identityVerified
        moved.identityCheck = .init(method: "passport seen", by: "dpo", at: .now)
        #expect(try await store.moveSubjectAccessCase(moved, from: sooner, audit: Fixture.audit(.subjectAccess)))
        let stored = try #require(try await store.subjectAccessCase(sooner.id))
        #expect(stored.subjects == [ann, bob].sorted())
        #expect(stored.state == .identityVerified && stored.identityCheck?.method == "passport seen" && stored.revision == 1)

        var stale = moved
        stale.state = .refused
        #expect(try await !store.moveSubjectAccessCase(stale, from: sooner, audit: Fixture.audit(.subjectAccess)))
        #expect(try await store.subjectAccessCase(sooner.id)?.state == .identityVerified)

        var unknown = stored
        unknown.subjects = [ann, PersonID(987_654)]
        await #expect(throws: WardenError.notFound("no person record 987654")) {
            try await store.moveSubjectAccessCase(unknown, from: stored, audit: Fixture.audit(.subjectAccess))
        }
        #expect(try await store.subjectAccessCase(sooner.id)?.subjects == [ann, bob].sorted())
        #expect(try await store.subjectAccessCase(sooner.id)?.revision == 1)

        var closed = stored
        closed.state = .closed
        #expect(try await store.moveSubjectAccessCase(closed, from: stored, audit: Fixture.audit(.subjectAccess)))
        #expect(try await store.subjectAccessCases(all: false, limit: 10).map(\.requester) == ["Later"])
        #expect(try await store.subjectAccessCases(all: true, limit: 10).count == 2)
    }

    @Test(arguments: StoreEngine.allCases)
    func anAlertIsRaisedOncePerDueDate(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        let opened = try await store.openSubjectAccessCase(draft("Ann", received: "2026-03-03"), audit: Fixture.audit(.subjectAccess))
        let alert = AlertDraft(kind: .subjectAccessDue, accountID: nil, actor: "scheduler", detail: "case due")
        #expect(try await store.raiseSubjectAccessAlert(alert, for: opened, kind: .dueSoon, audit: Fixture.audit(.subjectAccess)))
        #expect(try await !store.raiseSubjectAccessAlert(alert, for: opened, kind: .dueSoon, audit: Fixture.audit(.subjectAccess)))
        #expect(try await store.raiseSubjectAccessAlert(alert, for: opened, kind: .overdue, audit: Fixture.audit(.subjectAccess)))
        #expect(try await store.subjectAccessCase(opened.id)?.warnedFor == opened.dueOn)
        #expect(try await store.alerts(all: false, limit: 10).filter { $0.kind == .subjectAccessDue }.count == 2)
    }
}
