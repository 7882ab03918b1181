import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// Alerts to the DPO: listed newest first up to a limit, found by id, acknowledged once.
@Suite("Store contract: alerts")
struct AlertContractTests {
    @Test(arguments: StoreEngine.allCases)
    func alertsAreListedNewestFirstFoundByIdAndAcknowledgedOnce(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        for detail in ["first", "second", "third"] {
            try await store.raise(AlertDraft(kind: .tampering, accountID: nil, actor: "verify", detail: detail), audit: Fixture.audit(.verify))
        }
        let listed = try await store.alerts(all: false, limit: 2)
        #expect(listed.map(\.detail) == ["third", "second"])
        let third = try #require(listed.first)
        #expect(try await store.alert(third.id) == third)
        #expect(third.kind == .tampering)
        #expect(third.actor == "verify")
        #expect(third.acknowledgedAt == nil)
        #expect(try await store.alert(999) == nil)

        #expect(try await store.acknowledgeAlert(third.id, by: "dpo", audit: Fixture.audit(.alertAcknowledged)))
        #expect(try await !store.acknowledgeAlert(third.id, by: "dpo2", audit: Fixture.audit(.alertAcknowledged)))
        #expect(try await !store.acknowledgeAlert(999, by: "dpo", audit: Fixture.audit(.alertAcknowledged)))
        #expect(try await store.alert(third.id)?.acknowledgedBy == "dpo")
        #expect(try await store.alert(third.id)?.acknowledgedAt != nil)
        #expect(try await store.alerts(all: false, limit: 5).map(\.detail) == ["second", "first"])
        #expect(try await store.alerts(all: true, limit: 5).map(\.detail) == ["third", "second", "first"])
        let acknowledgements = try await store.recentAuditEvents(limit: 5).filter { $0.action == .alertAcknowledged }
        #expect(acknowledgements.count == 1)
    }
}
