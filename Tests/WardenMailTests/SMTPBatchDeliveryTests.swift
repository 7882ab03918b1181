import Foundation
import Testing

@testable import WardenMail
import WardenTestSupport

/// Several messages over one connection to a real SMTP server (aiosmtpd), and the rate limiter.
@Suite(.serialized)
struct SMTPBatchDeliveryTests {
    static func message(_ recipient: String) -> MailMessage {
        MailMessage(recipient: recipient, subject: "Vote on Thursday", body: "Hello", envelopeSender: "bounces@party.example")
    }

    @Test func aRefusedRecipientDoesNotAffectTheOthers() async throws {
        let sink = try await SMTPSink.start(.refuseRecipient("gone@example.org"))
        defer { sink.stop() }

        let recipients = ["a@example.org", "gone@example.org", "b@example.org", "bad\naddress@example.org", "c@example.org"]
        let results = try await SMTPClient.send(recipients.map(Self.message), via: SMTPDeliveryTests.relay(port: sink.port))

        #expect(results.count == 5)
        #expect((try? results[0].get()) != nil)
        #expect(results[1].failure == SMTPError(stage: .recipient, reason: .reply(code: 550)))
        #expect((try? results[2].get()) != nil)
        #expect(results[3].failure == SMTPError(stage: .preparing, reason: .invalidMessage(.lineBreak(.recipient))))
        #expect((try? results[4].get()) != nil)
        let received = try sink.receivedMessages()
        #expect(received.map(\.rcptTos) == [["a@example.org"], ["b@example.org"], ["c@example.org"]], "sink log: \(sink.log())")
        #expect(received.allSatisfy { $0.mailFrom == "bounces@party.example" })
    }

    @Test func aConnectionFailureFailsEveryMessage() async throws {
        let refusing = try BoundPort()  // bound, never listening, held until the test ends
        let results = try await SMTPClient.send(["a@example.org", "b@example.org"].map(Self.message), via: SMTPDeliveryTests.relay(port: refusing.port))
        withExtendedLifetime(refusing) {}
        #expect(results.map(\.failure) == [SMTPError(stage: .connect, reason: .connectionFailed), SMTPError(stage: .connect, reason: .connectionFailed)])
    }

    @Test func theLimiterSpacesSlotsAndAllowsABurstAfterAPause() {
        let limiter = SMTPRateLimiter(messagesPerSecond: 10, burst: 3)
        let start = ContinuousClock.now
        // Three at once (the burst), then one every 100 ms.
        #expect((0..<5).map { _ in limiter.reserve(at: start) } == [.zero, .zero, .zero, .milliseconds(100), .milliseconds(200)])
        // At +450 ms the next free slot (+500 ms) is within the burst tolerance (200 ms): no wait.
        #expect(limiter.reserve(at: start + .milliseconds(450)) == .zero)
        // After a long pause the burst is available again, not a backlog of missed slots.
        let later = start + .seconds(10)
        #expect((0..<4).map { _ in limiter.reserve(at: later) } == [.zero, .zero, .zero, .milliseconds(100)])
    }

    @Test func aStrictLimiterMakesABatchTakeAtLeastItsSpacing() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        var relay = SMTPDeliveryTests.relay(port: sink.port)
        relay.messagesPerSecond = 20  // 50 ms apart
        let started = ContinuousClock.now
        let results = try await SMTPClient.send((0..<5).map { Self.message("m\($0)@example.org") }, via: relay)
        let elapsed = ContinuousClock.now - started
        #expect(results.allSatisfy { (try? $0.get()) != nil })
        // Four gaps of 50 ms between five slots; only a lower bound, which load cannot break.
        #expect(elapsed >= .milliseconds(200))
        #expect(try sink.receivedMessages().count == 5)
    }
}

extension Result where Failure == SMTPError {
    var failure: SMTPError? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
