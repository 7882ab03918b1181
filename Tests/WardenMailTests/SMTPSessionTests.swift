import Testing

@testable import WardenMail

@Suite struct SMTPSessionTests {
    static let data = SMTPDataEncoding.payload(for: "Subject: x\r\n\r\nbody\r\n")

    static func makeSession() -> SMTPSession {
        SMTPSession(
            heloName: "warden.test",
            envelopes: [.init(sender: "noreply@party.example", recipient: "member@example.org", data: data)]
        )
    }

    static func reply(_ code: Int, _ text: String = "text") -> SMTPReply {
        SMTPReply(code: code, lines: [text])
    }

    /// Drives a fresh session to the state where the reply to `stage` is awaited.
    static func session(awaiting stage: SMTPError.Stage) -> SMTPSession {
        var session = makeSession()
        let replies: [SMTPReply] =
            switch stage {
            // TLS, AUTH and RSET do not occur in a plain single-message session.
            case .preparing, .connect, .greeting, .startTLS, .authentication, .reset: []
            case .hello: [reply(220)]
            case .sender: [reply(220), reply(250)]
            case .recipient: [reply(220), reply(250), reply(250)]
            case .data: [reply(220), reply(250), reply(250), reply(250)]
            case .content: [reply(220), reply(250), reply(250), reply(250), reply(354)]
            }
        for reply in replies { _ = session.receive(reply: reply) }
        return session
    }

    @Test func happyPathSendsEachCommandInOrder() {
        var session = Self.makeSession()
        #expect(session.state == .awaitingGreeting)
        #expect(session.receive(reply: Self.reply(220)) == .sendCommand("EHLO warden.test"))
        #expect(session.state == .awaitingEHLOReply)
        #expect(session.receive(reply: SMTPReply(code: 250, lines: ["relay", "8BITMIME", "HELP"])) == .sendCommand("MAIL FROM:<noreply@party.example>"))
        #expect(session.state == .awaitingMailFromReply)
        #expect(session.receive(reply: Self.reply(250)) == .sendCommand("RCPT TO:<member@example.org>"))
        #expect(session.state == .awaitingRcptToReply)
        #expect(session.receive(reply: Self.reply(250)) == .sendCommand("DATA"))
        #expect(session.state == .awaitingDataReply)
        #expect(session.receive(reply: Self.reply(354)) == .sendData(Self.data))
        #expect(session.state == .awaitingContentReply)
        #expect(session.receive(reply: Self.reply(250)) == .quit)
        #expect(session.state == .awaitingQuitReply)
        #expect(session.outcomes == [.delivered])
        #expect(session.receive(reply: Self.reply(221)) == .close)
        #expect(session.state == .finished)
        #expect(session.outcomes == [.delivered])
    }

    @Test func recipientMayBeAcceptedWith251() {
        var session = Self.session(awaiting: .recipient)
        #expect(session.receive(reply: Self.reply(251)) == .sendCommand("DATA"))
    }

    @Test func ehloRefusedPermanentlyFallsBackToHelo() {
        var session = Self.session(awaiting: .hello)
        #expect(session.receive(reply: Self.reply(502)) == .sendCommand("HELO warden.test"))
        #expect(session.state == .awaitingHELOReply)
        #expect(session.receive(reply: Self.reply(250)) == .sendCommand("MAIL FROM:<noreply@party.example>"))
    }

    @Test func heloRefusedToo() {
        var session = Self.session(awaiting: .hello)
        _ = session.receive(reply: Self.reply(500))
        let failure = SMTPSession.Outcome.failed(SMTPError(stage: .hello, reason: .reply(code: 550)))
        #expect(session.receive(reply: Self.reply(550)) == .quit)
        #expect(session.outcomes == [failure])
    }

    @Test func ehloTransientRefusalDoesNotFallBack() {
        var session = Self.session(awaiting: .hello)
        let failure = SMTPSession.Outcome.failed(SMTPError(stage: .hello, reason: .reply(code: 421)))
        #expect(session.receive(reply: Self.reply(421)) == .quit)
        #expect(session.outcomes == [failure])
    }

    struct FailureCase: Sendable, CustomStringConvertible {
        var stage: SMTPError.Stage
        var code: Int
        var permanent: Bool
        var description: String { "\(stage) \(code)" }
    }

    static let failureCases: [FailureCase] = [
        .init(stage: .greeting, code: 554, permanent: true),
        .init(stage: .greeting, code: 421, permanent: false),
        .init(stage: .greeting, code: 250, permanent: false),  // not 220: unexpected
        .init(stage: .sender, code: 451, permanent: false),
        .init(stage: .sender, code: 553, permanent: true),
        .init(stage: .recipient, code: 450, permanent: false),
        .init(stage: .recipient, code: 550, permanent: true),
        .init(stage: .data, code: 451, permanent: false),
        .init(stage: .data, code: 554, permanent: true),
        .init(stage: .data, code: 250, permanent: false),  // not 354: unexpected
        .init(stage: .content, code: 452, permanent: false),
        .init(stage: .content, code: 552, permanent: true),
        .init(stage: .content, code: 354, permanent: false),  // not 2xx: unexpected
    ]

    @Test(arguments: failureCases)
    func refusalEndsTheSessionWithQuit(_ failure: FailureCase) {
        var session = Self.session(awaiting: failure.stage)
        let expected = SMTPError(stage: failure.stage, reason: .reply(code: failure.code))
        #expect(session.receive(reply: Self.reply(failure.code)) == .quit)
        #expect(session.outcomes == [.failed(expected)])
        #expect(expected.isPermanent == failure.permanent)
        // Whatever the relay says to QUIT, or if it hangs up, the outcome stays the same.
        var quitReplied = session
        #expect(quitReplied.receive(reply: Self.reply(221)) == .close)
        #expect(quitReplied.outcomes == [.failed(expected)])
        var closed = session
        #expect(closed.connectionClosed() == [.failed(expected)])
        var timedOut = session
        #expect(timedOut.timedOut() == [.failed(expected)])
    }

    @Test(arguments: [SMTPError.Stage.greeting, .hello, .sender, .recipient, .data, .content])
    func connectionLossBeforeAcceptanceIsATransientFailureAtThatStage(_ stage: SMTPError.Stage) {
        var closed = Self.session(awaiting: stage)
        #expect(closed.connectionClosed() == [.failed(SMTPError(stage: stage, reason: .connectionClosed))])
        var timedOut = Self.session(awaiting: stage)
        #expect(timedOut.timedOut() == [.failed(SMTPError(stage: stage, reason: .timedOut))])
        var malformed = Self.session(awaiting: stage)
        #expect(malformed.receiveMalformedReply() == .close)
        #expect(malformed.outcomes == [.failed(SMTPError(stage: stage, reason: .malformedReply))])
        #expect(!SMTPError(stage: stage, reason: .connectionClosed).isPermanent)
    }

    @Test func troubleWhileQuittingAfterAcceptanceStillCountsAsDelivered() {
        var session = Self.session(awaiting: .content)
        #expect(session.receive(reply: Self.reply(250)) == .quit)
        var closed = session
        #expect(closed.connectionClosed() == [.delivered])
        var timedOut = session
        #expect(timedOut.timedOut() == [.delivered])
        var malformed = session
        #expect(malformed.receiveMalformedReply() == .close)
        #expect(malformed.outcomes == [.delivered])
        var finished = session
        _ = finished.receive(reply: Self.reply(221))
        // A stray reply after the end changes nothing.
        #expect(finished.receive(reply: Self.reply(500)) == .close)
        #expect(finished.outcomes == [.delivered])
    }
}
