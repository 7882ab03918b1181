import Foundation
import Testing

@testable import WardenMail

@Suite struct OutboxDeliveryTests {
    static let start = Date(timeIntervalSince1970: 1_750_000_000)
    static let transient = SMTPError(stage: .recipient, reason: .reply(code: 451))
    static let permanent = SMTPError(stage: .recipient, reason: .reply(code: 550))

    struct SomeOtherError: Error {}

    @Test func defaultPolicyValues() {
        let policy = OutboxPolicy()
        #expect(policy.baseDelay == 30)
        #expect(policy.maximumDelay == 3600)
        #expect(policy.maximumAttempts == 8)
    }

    @Test func firstAttemptSucceeds() {
        var delivery = OutboxDelivery()
        #expect(delivery.record(.sent, now: Self.start) == .sent(at: Self.start))
        #expect(delivery.state == .sent(at: Self.start, attempts: 1))
    }

    @Test func transientFailuresBackOffExponentiallyThenGiveUp() {
        var delivery = OutboxDelivery()
        var now = Self.start
        var delays: [TimeInterval] = []
        for attempt in 1...7 {
            let decision = delivery.record(.failed(Self.transient), now: now)
            guard case .retry(let at, let attempts) = decision else {
                Issue.record("attempt \(attempt): expected retry, got \(decision)")
                return
            }
            #expect(attempts == attempt)
            delays.append(at.timeIntervalSince(now))
            now = at
        }
        #expect(delays == [30, 60, 120, 240, 480, 960, 1920])
        let last = delivery.record(.failed(Self.transient), now: now)
        #expect(
            last
                == .gaveUp(
                    attempts: 8,
                    reason: "gave up after 8 attempts; last failure: relay temporarily refused the recipient (451)"
                ))
        #expect(delivery.attempts == 8)
    }

    @Test func delayIsCapped() {
        let policy = OutboxPolicy(baseDelay: 30, maximumDelay: 3600, maximumAttempts: 20)
        #expect((1...10).map { policy.delay(afterAttempts: $0) } == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600])
        #expect(policy.delay(afterAttempts: 10_000) == 3600)
        #expect(policy.delay(afterAttempts: .max) == 3600)
    }

    @Test func shortPolicyForTests() {
        var delivery = OutboxDelivery(policy: OutboxPolicy(baseDelay: 1, maximumDelay: 3, maximumAttempts: 4))
        var decisions: [OutboxDelivery.Decision] = []
        for _ in 0..<4 { decisions.append(delivery.record(.failed(Self.transient), now: Self.start)) }
        #expect(
            decisions.prefix(3).map { decision -> TimeInterval? in
                if case .retry(let at, _) = decision { return at.timeIntervalSince(Self.start) }
                return nil
            } == [1, 2, 3])
        if case .gaveUp(let attempts, _) = decisions[3] {
            #expect(attempts == 4)
        } else {
            Issue.record("expected to give up, got \(decisions[3])")
        }
    }

    @Test func permanentFailureGivesUpImmediately() {
        var delivery = OutboxDelivery(attempts: 2)
        #expect(
            delivery.record(.failed(Self.permanent), now: Self.start)
                == .gaveUp(attempts: 3, reason: "permanent failure: relay refused the recipient (550)"))
    }

    @Test func unrenderableMessageIsPermanent() {
        var delivery = OutboxDelivery()
        let decision = delivery.record(.failed(MailFormatError.lineBreak(.recipient)), now: Self.start)
        guard case .gaveUp(1, let reason) = decision else {
            Issue.record("expected to give up, got \(decision)")
            return
        }
        #expect(reason.contains("recipient"))
    }

    @Test func unknownErrorsAreRetriedAndDescribedByTypeOnly() {
        var delivery = OutboxDelivery(attempts: 7)
        let decision = delivery.record(.failed(SomeOtherError()), now: Self.start)
        #expect(decision == .gaveUp(attempts: 8, reason: "gave up after 8 attempts; last failure: unexpected error (SomeOtherError)"))
        var fresh = OutboxDelivery()
        #expect(fresh.record(.failed(SomeOtherError()), now: Self.start) == .retry(at: Self.start + 30, attempts: 1))
    }

    @Test func resumesFromStoredAttempts() {
        var delivery = OutboxDelivery(attempts: 3)
        #expect(delivery.record(.failed(Self.transient), now: Self.start) == .retry(at: Self.start + 240, attempts: 4))
        #expect(delivery.record(.sent, now: Self.start + 300) == .sent(at: Self.start + 300))
        #expect(delivery.attempts == 5)
    }

    @Test func terminalStatesDoNotChange() {
        var sent = OutboxDelivery()
        _ = sent.record(.sent, now: Self.start)
        #expect(sent.record(.failed(Self.permanent), now: Self.start + 10) == .sent(at: Self.start))

        var gaveUp = OutboxDelivery()
        let first = gaveUp.record(.failed(Self.permanent), now: Self.start)
        #expect(gaveUp.record(.sent, now: Self.start + 10) == first)
        #expect(gaveUp.attempts == 1)
    }
}
