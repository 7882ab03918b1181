import Testing

@testable import WardenMail

/// Several messages over one session: each its own transaction, a refusal of one never affecting
/// another.
@Suite struct SMTPSessionBatchTests {
    static func reply(_ code: Int, _ text: String = "text") -> SMTPReply {
        SMTPSessionTests.reply(code, text)
    }

    static func envelope(_ recipient: String) -> SMTPSession.Envelope {
        .init(sender: "bounces@party.example", recipient: recipient, data: SMTPSessionTests.data)
    }

    /// A session for three members, greeted and past EHLO, awaiting the first MAIL FROM reply.
    static func session() -> SMTPSession {
        var session = SMTPSession(heloName: "warden.test", envelopes: [envelope("a@example.org"), envelope("b@example.org"), envelope("c@example.org")])
        _ = session.receive(reply: reply(220))
        _ = session.receive(reply: reply(250))
        return session
    }

    /// Drives one accepted transaction from the MAIL FROM reply on; returns the action after it.
    static func accept(_ session: inout SMTPSession) -> SMTPSession.Action {
        _ = session.receive(reply: reply(250))
        _ = session.receive(reply: reply(250))
        _ = session.receive(reply: reply(354))
        return session.receive(reply: reply(250))
    }

    @Test func sendsEachMessageInTurnThenQuits() {
        var session = Self.session()
        #expect(Self.accept(&session) == .sendCommand("MAIL FROM:<bounces@party.example>"))
        #expect(session.outcomes == [.delivered])
        #expect(Self.accept(&session) == .sendCommand("MAIL FROM:<bounces@party.example>"))
        #expect(Self.accept(&session) == .quit)
        #expect(session.outcomes == [.delivered, .delivered, .delivered])
    }

    @Test func aRefusedRecipientIsResetAndTheNextGoesOn() {
        var session = Self.session()
        #expect(session.receive(reply: Self.reply(250)) == .sendCommand("RCPT TO:<a@example.org>"))
        #expect(session.receive(reply: Self.reply(550)) == .sendCommand("RSET"))
        #expect(session.state == .awaitingResetReply)
        #expect(session.receive(reply: Self.reply(250)) == .sendCommand("MAIL FROM:<bounces@party.example>"))
        #expect(session.receive(reply: Self.reply(250)) == .sendCommand("RCPT TO:<b@example.org>"))
        _ = session.receive(reply: Self.reply(250))
        _ = session.receive(reply: Self.reply(354))
        #expect(session.receive(reply: Self.reply(250)) == .sendCommand("MAIL FROM:<bounces@party.example>"))
        // The last one is refused temporarily: no RSET needed before QUIT.
        _ = session.receive(reply: Self.reply(250))
        #expect(session.receive(reply: Self.reply(450)) == .quit)
        #expect(
            session.outcomes == [
                .failed(SMTPError(stage: .recipient, reason: .reply(code: 550))), .delivered,
                .failed(SMTPError(stage: .recipient, reason: .reply(code: 450))),
            ])
    }

    @Test func refusedContentNeedsNoResetAndRefusedSenderDoes() {
        var session = Self.session()
        _ = session.receive(reply: Self.reply(250))
        _ = session.receive(reply: Self.reply(250))
        _ = session.receive(reply: Self.reply(354))
        #expect(session.receive(reply: Self.reply(554)) == .sendCommand("MAIL FROM:<bounces@party.example>"))
        #expect(session.receive(reply: Self.reply(553)) == .sendCommand("RSET"))
        _ = session.receive(reply: Self.reply(250))
        #expect(Self.accept(&session) == .quit)
        #expect(
            session.outcomes == [
                .failed(SMTPError(stage: .content, reason: .reply(code: 554))),
                .failed(SMTPError(stage: .sender, reason: .reply(code: 553))), .delivered,
            ])
    }

    @Test func closingReply421FailsTheRestButKeepsWhatWasDelivered() {
        var session = Self.session()
        _ = Self.accept(&session)
        _ = session.receive(reply: Self.reply(250))
        #expect(session.receive(reply: Self.reply(421)) == .quit)
        let closing = SMTPSession.Outcome.failed(SMTPError(stage: .recipient, reason: .reply(code: 421)))
        #expect(session.outcomes == [.delivered, closing, closing])
    }

    @Test func refusedResetFailsTheRest() {
        var session = Self.session()
        _ = session.receive(reply: Self.reply(250))
        _ = session.receive(reply: Self.reply(550))
        #expect(session.receive(reply: Self.reply(502)) == .quit)
        let reset = SMTPSession.Outcome.failed(SMTPError(stage: .reset, reason: .reply(code: 502)))
        #expect(session.outcomes == [.failed(SMTPError(stage: .recipient, reason: .reply(code: 550))), reset, reset])
    }

    @Test func connectionLossMidBatchFailsOnlyTheUndecided() {
        var session = Self.session()
        _ = Self.accept(&session)
        _ = session.receive(reply: Self.reply(250))
        _ = session.receive(reply: Self.reply(250))
        _ = session.receive(reply: Self.reply(354))
        let lost = SMTPSession.Outcome.failed(SMTPError(stage: .content, reason: .connectionClosed))
        #expect(session.connectionClosed() == [.delivered, lost, lost])
    }
}
