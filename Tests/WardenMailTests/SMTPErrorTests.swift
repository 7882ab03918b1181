import Testing

@testable import WardenMail

@Suite struct SMTPErrorTests {
    @Test func replyCodesAreClassifiedBySMTPsOwnRule() {
        for code in [421, 450, 451, 452, 454] {
            #expect(!SMTPError(stage: .recipient, reason: .reply(code: code)).isPermanent, "\(code)")
        }
        for code in [500, 501, 550, 552, 553, 554] {
            #expect(SMTPError(stage: .recipient, reason: .reply(code: code)).isPermanent, "\(code)")
        }
        // An unexpected positive code is protocol confusion, worth a retry.
        #expect(!SMTPError(stage: .data, reason: .reply(code: 250)).isPermanent)
    }

    @Test func networkFailuresAreTransientAndInvalidMessagesPermanent() {
        #expect(!SMTPError(stage: .connect, reason: .connectionFailed).isPermanent)
        #expect(!SMTPError(stage: .content, reason: .connectionClosed).isPermanent)
        #expect(!SMTPError(stage: .greeting, reason: .timedOut).isPermanent)
        #expect(!SMTPError(stage: .hello, reason: .malformedReply).isPermanent)
        #expect(SMTPError(stage: .preparing, reason: .invalidMessage(.lineBreak(.subject))).isPermanent)
    }

    @Test func descriptionsNameTheStageAndCode() {
        #expect(SMTPError(stage: .recipient, reason: .reply(code: 550)).description == "relay refused the recipient (550)")
        #expect(
            SMTPError(stage: .recipient, reason: .reply(code: 451)).description
                == "relay temporarily refused the recipient (451)")
        #expect(SMTPError(stage: .sender, reason: .reply(code: 553)).description == "relay refused the sender (553)")
        #expect(SMTPError(stage: .content, reason: .reply(code: 552)).description == "relay refused the message (552)")
        #expect(
            SMTPError(stage: .data, reason: .reply(code: 250)).description
                == "relay sent an unexpected reply during DATA (250)")
        #expect(SMTPError(stage: .connect, reason: .connectionFailed).description == "could not connect to the relay")
        #expect(SMTPError(stage: .connect, reason: .timedOut).description == "timed out connecting to the relay")
        #expect(
            SMTPError(stage: .greeting, reason: .timedOut).description
                == "timed out waiting for the relay during the greeting")
        #expect(SMTPError(stage: .recipient, reason: .timedOut).replyCode == nil)
        #expect(SMTPError(stage: .recipient, reason: .reply(code: 550)).replyCode == 550)
    }

    static let allReasons: [SMTPError.Reason] =
        [
            .connectionFailed, .connectionClosed, .timedOut, .malformedReply, .reply(code: 250), .reply(code: 451), .reply(code: 550),
            .tlsUnavailable, .tlsHandshakeFailed, .authenticationUnavailable, .messageTooLarge, .credentialsWithoutTLS,
            .tlsConfigurationInvalid, .signingFailed(.keyTooSmall), .signingFailed(.malformedMessage),
        ]
        + MailFormatError.Field.allCases.flatMap { [.invalidMessage(.lineBreak($0)), .invalidMessage(.invalid($0))] }

    @Test func noDescriptionContainsAnAddressOrReplyText() {
        let recipient = "jane.doe@example.org"
        // A full session where every reply echoes the address, as real relays do.
        for stage in [SMTPError.Stage.greeting, .hello, .sender, .recipient, .data, .content] {
            for code in [451, 550] {
                var session = SMTPSessionTests.session(awaiting: stage)
                let echo = SMTPReply(code: code, lines: ["5.1.1 <\(recipient)>: Recipient address rejected"])
                if stage == .hello, code >= 500 {
                    // A 5xx to EHLO falls back to HELO; the failure is HELO's refusal.
                    _ = session.receive(reply: echo)
                }
                let action = session.receive(reply: SMTPReply(code: code, lines: ["5.1.1 <\(recipient)>: Recipient address rejected"]))
                guard action == .quit, case .failed(let error) = session.outcomes.first else {
                    Issue.record("expected a failure at \(stage), got \(action)")
                    continue
                }
                #expect(!error.description.contains(recipient))
                #expect(!error.description.contains("@"))
                #expect(!error.description.contains("Recipient address rejected"))
                #expect(!String(describing: error).contains(recipient))
            }
        }
        for stage in SMTPError.Stage.allCases {
            for reason in Self.allReasons {
                let description = SMTPError(stage: stage, reason: reason).description
                #expect(!description.contains("@"), "\(description)")
                #expect(!description.isEmpty)
            }
        }
    }
}
