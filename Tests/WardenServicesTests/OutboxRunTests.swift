import Foundation
import Synchronization
import Testing
import WardenCore
import WardenMail
import WardenServices
import WardenTestSupport

/// One `warden outbox deliver` run against a real SMTP server (aiosmtpd): it sends everything
/// due, not just a first batch, and says what is left and why. Needs python3 with aiosmtpd.
@Suite("Outbox delivery runs")
struct OutboxRunTests {
    /// The sink's relay, with two minutes a step: under the full suite's load on two cores the
    /// Python sink has been seen to stall past the usual 30 seconds, which made one of 250
    /// messages a retry.
    static func relay(_ sink: SMTPSink) -> SMTPRelay {
        SMTPRelay(host: "127.0.0.1", port: sink.port, sender: "warden@example.org", timeout: .seconds(120))
    }

    /// Queues `count` emails to distinct recipients behind Warden's back, as notices pile up.
    func queue(_ count: Int, prefix: String, _ test: TestWarden) throws {
        try test.sql("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(count))
            INSERT INTO outbox (created_at, recipient, subject, body) SELECT '2026-01-01T00:00:00Z',
            '\(prefix)' || i || '@example.org', 'Notice ' || i, 'Body of notice ' || i FROM n;
            """)
    }

    @Test func oneRunSendsEverythingDueAndCountsWhatIsLeft() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let test = try await TestWarden.make(mailRelay: Self.relay(sink))
        try queue(250, prefix: "member", test)
        // An address no relay can take: refused before sending, for good.
        try test.sql("INSERT INTO outbox (created_at, recipient, subject, body) VALUES ('2026-01-01T00:00:00Z', 'no-at-sign', 'x', 'y')")

        let batches = Batches()
        let report = try await test.warden.notices.deliverDueMail(batchSize: 40) { soFar in batches.record(soFar.sent) }

        #expect(report.sent == 250)
        #expect(Set(try sink.receivedMessages().flatMap(\.rcptTos)).count == 250)
        #expect(report.failedNow == 1)
        #expect(report.retryingNow == 0)
        #expect(report.backlog == MailBacklog(due: 0, waitingToRetry: 0, nextAttempt: nil, failed: 1))
        #expect(report.left == 1)
        #expect(report.summary == "250 sent; 1 left: 1 failed permanently")
        // Progress after every batch of 40: 251 messages make 7 batches.
        #expect(batches.seen.count == 7)
        #expect(batches.seen.last == 250)

        let again = try await test.warden.notices.deliverDueMail()
        #expect(again.sent == 0)
        #expect(again.summary == "0 sent; nothing left (and 1 failed in earlier runs)")
    }

    @Test func temporaryFailuresAreReportedWithTheirNextAttempt() async throws {
        let sink = try await SMTPSink.start(.rcptReply(451))
        defer { sink.stop() }
        let test = try await TestWarden.make(mailRelay: Self.relay(sink))
        try queue(3, prefix: "greylisted", test)
        let before = Timestamp.now

        let report = try await test.warden.notices.deliverDueMail(policy: OutboxPolicy(baseDelay: 600))
        #expect(report.sent == 0)
        #expect(report.retryingNow == 3)
        #expect(report.backlog.waitingToRetry == 3)
        let next = try #require(report.backlog.nextAttempt)
        #expect(next >= before.adding(seconds: 600))
        #expect(report.summary == "0 sent; 3 left: 3 waiting to retry after a temporary failure (next at \(next))")

        // A second run straight away tries nothing (the backoff holds) and still says so.
        let again = try await test.warden.notices.deliverDueMail()
        #expect(again.retryingNow == 0)
        #expect(again.backlog.waitingToRetry == 3)
        #expect(again.summary.hasPrefix("0 sent; 3 left: 3 waiting to retry"))
    }

    @Test func summaryGroupsThousands() {
        let report = MailDeliveryReport(
            sent: 1_216, failedNow: 1,
            backlog: MailBacklog(waitingToRetry: 2, nextAttempt: Timestamp(secondsSince1970: 1_800_000_000), failed: 1))
        #expect(report.summary
            == "1,216 sent; 3 left: 2 waiting to retry after a temporary failure (next at 2027-01-15T08:00:00Z), 1 failed permanently")
    }
}

/// The running totals the progress callback heard, in order.
final class Batches: Sendable {
    private let values = Mutex<[Int]>([])
    func record(_ sent: Int) { values.withLock { $0.append(sent) } }
    var seen: [Int] { values.withLock { $0 } }
}
