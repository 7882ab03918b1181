import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// The outbox: an alert's email to the DPO is due, waits after a temporary failure, and is
/// counted as sent or failed; a delivery run's cursor walks the queue oldest first.
@Suite("Store contract: outbox")
struct OutboxContractTests {
    func raise(_ store: StoreUnderTest, _ detail: String) async throws {
        try await store.raise(AlertDraft(kind: .tampering, accountID: nil, actor: "verify", detail: detail), audit: Fixture.audit(.verify))
    }

    @Test(arguments: StoreEngine.allCases)
    func anAlertsEmailToTheDPOIsDueRetriedAndSent(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        let now = Timestamp.now
        try await raise(store, "before there is a DPO address")
        #expect(try await store.queueCounts() == QueueCounts(mailQueued: 0, mailSent: 0, mailFailed: 0, postalToPrint: 0, textsWithoutGateway: 0))

        try await store.setSetting("dpo_email", value: "dpo@example.org")
        try await raise(store, "log altered")
        let due = try await store.dueMail(at: now, limit: 10)
        let mail = try #require(due.first)
        #expect(due.count == 1)
        #expect(mail.recipient == "dpo@example.org")
        #expect(mail.subject.hasPrefix("Warden alert #"))
        #expect(mail.body.contains("log altered"))
        #expect(mail.attempts == 0)
        #expect(try await store.mailBacklog(at: now) == MailBacklog(due: 1))
        #expect(try await store.queueCounts().mailQueued == 1)

        let retryAt = now.adding(seconds: 300)
        try await store.recordDelivery(mail.id, .retry(at: retryAt, attempts: 1, error: "451 try later"))
        #expect(try await store.dueMail(at: now, limit: 10).isEmpty)
        #expect(try await store.mailBacklog(at: now) == MailBacklog(waitingToRetry: 1, nextAttempt: retryAt))
        #expect(try await store.dueMail(at: retryAt, limit: 10).map(\.attempts) == [1])

        try await store.recordDelivery(mail.id, .sent(at: retryAt))
        #expect(try await store.dueMail(at: retryAt, limit: 10).isEmpty)
        #expect(try await store.mailBacklog(at: retryAt) == MailBacklog())
        #expect(try await store.queueCounts() == QueueCounts(mailQueued: 0, mailSent: 1, mailFailed: 0, postalToPrint: 0, textsWithoutGateway: 0))
    }

    @Test(arguments: StoreEngine.allCases)
    func aRunWalksTheQueueOldestFirstAndAGivenUpEmailCountsAsFailed(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        try await store.setSetting("dpo_email", value: "dpo@example.org")
        for detail in ["one", "two", "three"] { try await raise(store, detail) }
        let now = Timestamp.now
        let all = try await store.dueMail(at: now, limit: 10)
        #expect(all.map(\.body).map { $0.contains("Detail: one") } == [true, false, false])
        #expect(all.map(\.id) == all.map(\.id).sorted())
        #expect(try await store.dueMail(at: now, limit: 2).map(\.id) == Array(all.map(\.id).prefix(2)))
        #expect(try await store.dueMail(at: now, after: all[0].id, limit: 10).map(\.id) == Array(all.map(\.id).dropFirst()))
        #expect(try await store.dueMail(at: now, after: all[2].id, limit: 10).isEmpty)

        try await store.recordDelivery(all[1].id, .gaveUp(attempts: 5, error: "550 no such user"))
        #expect(try await store.dueMail(at: now, limit: 10).map(\.id) == [all[0].id, all[2].id])
        #expect(try await store.mailBacklog(at: now) == MailBacklog(due: 2, failed: 1))
        #expect(try await store.queueCounts().mailFailed == 1)
    }
}
