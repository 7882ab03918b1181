import Foundation
import NIOCore
import NIOPosix
import Testing

@testable import WardenMail
import WardenTestSupport

/// End-to-end delivery against a real SMTP server (aiosmtpd in a child process). Without
/// aiosmtpd, `SMTPSink.start()` fails each test, saying what to install.
@Suite(.serialized)
struct SMTPDeliveryTests {
    static let sender = "noreply@party.example"
    static let recipient = "jane.doe@example.org"

    /// A minute per step: under the full suite's load on two cores the Python relay has been
    /// seen to take over ten seconds to answer one command. Timeouts have their own test.
    static func relay(port: Int, timeout: Duration = .seconds(60)) -> SMTPRelay {
        SMTPRelay(host: "127.0.0.1", port: port, heloName: "warden.test", sender: sender, timeout: timeout)
    }

    @Test func deliversAMessageThatSurvivesTheWireIntact() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }

        let subject = "Willkommen, Zoë — Ihre Mitgliedschaft ist bestätigt ✅"
        let longLine = String(repeating: "Solidarität und Gerechtigkeit = Zukunft. ", count: 40)  // ~1700 bytes
        let body = """
            Liebe Zoë,

            .this line starts with a dot
            ..and this one with two
            .
            \(longLine)
            trailing spaces stay   
            Grüße
            """
        let message = MailMessage(recipient: Self.recipient, subject: subject, body: body, messageID: "m-1@party.example")

        try await SMTPClient.send(message, via: Self.relay(port: sink.port))

        let received = try sink.receivedMessages()
        try #require(received.count == 1, "sink log: \(sink.log())")
        let mail = received[0]
        #expect(mail.helo == "warden.test")
        #expect(mail.mailFrom == Self.sender)
        #expect(mail.rcptTos == [Self.recipient])
        #expect(mail.rawIsAscii)

        // Our own decoding of what arrived.
        let (headers, order, encodedBody) = try MailDecoding.split(mail.raw)
        #expect(order == ["Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"])
        #expect(headers["From"] == Self.sender)
        #expect(headers["To"] == Self.recipient)
        #expect(headers["Message-ID"] == "<m-1@party.example>")
        #expect(headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(headers["Content-Transfer-Encoding"] == "quoted-printable")
        #expect(try MailDecoding.encodedWords(#require(headers["Subject"])) == subject)
        for line in mail.raw.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76, "overlong line on the wire: \(line)")
        }
        let decodedBody = try MailDecoding.quotedPrintable(encodedBody)
        #expect(decodedBody == body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
        // The server undid the dot-stuffing: the dot lines arrive exactly as written.
        #expect(decodedBody.contains("\r\n.this line starts with a dot\r\n..and this one with two\r\n.\r\n"))

        // Python's email package, an independent decoder, agrees.
        #expect(mail.parsedSubject == subject)
        #expect(mail.parsedContentType == "text/plain")
        #expect(mail.parsedCharset == "utf-8")
        let pythonBody = try #require(mail.parsedBody).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(pythonBody == body + "\n")
    }

    @Test func fallsBackToHeloWhenEhloIsRefused() async throws {
        let sink = try await SMTPSink.start(.rejectEHLO)
        defer { sink.stop() }

        try await SMTPClient.send(
            MailMessage(recipient: Self.recipient, subject: "plain", body: "hello"),
            via: Self.relay(port: sink.port)
        )
        let received = try sink.receivedMessages()
        try #require(received.count == 1, "sink log: \(sink.log())")
        #expect(received[0].helo == "warden.test")
        #expect(received[0].parsedBody?.replacingOccurrences(of: "\r\n", with: "\n") == "hello\n")
    }

    @Test func recipientRefused451IsTransient() async throws {
        let sink = try await SMTPSink.start(.rcptReply(451))
        defer { sink.stop() }

        let error = try await Self.sendExpectingError(port: sink.port)
        #expect(error == SMTPError(stage: .recipient, reason: .reply(code: 451)))
        #expect(!error.isPermanent)
        #expect(error.description == "relay temporarily refused the recipient (451)")
        #expect(try sink.receivedMessages().isEmpty)
    }

    @Test func recipientRefused550IsPermanentAndDoesNotLeakTheAddress() async throws {
        let sink = try await SMTPSink.start(.rcptReply(550))
        defer { sink.stop() }

        let error = try await Self.sendExpectingError(port: sink.port)
        #expect(error == SMTPError(stage: .recipient, reason: .reply(code: 550)))
        #expect(error.isPermanent)
        #expect(error.description == "relay refused the recipient (550)")
        #expect(!error.description.contains(Self.recipient))
        #expect(!error.description.contains("no such user"))
        #expect(try sink.receivedMessages().isEmpty)

        var delivery = OutboxDelivery()
        let decision = delivery.record(.failed(error), now: Date(timeIntervalSince1970: 0))
        #expect(decision == .gaveUp(attempts: 1, reason: "permanent failure: relay refused the recipient (550)"))
    }

    static func sendExpectingError(port: Int, timeout: Duration = .seconds(60)) async throws -> SMTPError {
        do {
            try await SMTPClient.send(
                MailMessage(recipient: recipient, subject: "s", body: "b"),
                via: relay(port: port, timeout: timeout)
            )
        } catch let error as SMTPError {
            return error
        }
        throw ExpectedFailure()
    }

    struct ExpectedFailure: Error, CustomStringConvertible {
        var description: String { "send succeeded but an error was expected" }
    }
}

extension SMTPDeliveryTests {
    @Test func campaignMailGoesOutFromItsBounceAddressWithListHeaders() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }

        let message = MailMessage(
            recipient: Self.recipient, subject: "Vote on Thursday", body: "Hello",
            unsubscribeURL: "https://party.example/u/3f9a1c", listID: "campaign.party.example",
            envelopeSender: "bounces@party.example"
        )
        try await SMTPClient.send(message, via: Self.relay(port: sink.port))

        let received = try sink.receivedMessages()
        try #require(received.count == 1, "sink log: \(sink.log())")
        #expect(received[0].mailFrom == "bounces@party.example")
        let (headers, _, _) = try MailDecoding.split(received[0].raw)
        #expect(headers["From"] == Self.sender)
        #expect(headers["List-Unsubscribe"] == "<https://party.example/u/3f9a1c>")
        #expect(headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
        #expect(headers["List-Id"] == "<campaign.party.example>")
    }
}
