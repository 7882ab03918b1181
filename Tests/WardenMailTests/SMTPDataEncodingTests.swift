import Foundation
import Testing

@testable import WardenMail

@Suite struct SMTPDataEncodingTests {
    @Test func linesStartingWithADotAreStuffed() {
        let message = "Subject: x\r\n\r\n.\r\n..two\r\n.hidden\r\nmiddle.dot\r\n .space first\r\n"
        let payload = SMTPDataEncoding.payload(for: message)
        #expect(payload == "Subject: x\r\n\r\n..\r\n...two\r\n..hidden\r\nmiddle.dot\r\n .space first\r\n.\r\n")
    }

    @Test func terminatorIsAddedAfterAFinalCRLFEvenWhenTheMessageLacksOne() {
        #expect(SMTPDataEncoding.payload(for: "a\r\nb") == "a\r\nb\r\n.\r\n")
        #expect(SMTPDataEncoding.payload(for: "a\r\nb\r\n") == "a\r\nb\r\n.\r\n")
    }

    @Test func emptyLinesArePreserved() {
        #expect(SMTPDataEncoding.payload(for: "a\r\n\r\n\r\nb\r\n") == "a\r\n\r\n\r\nb\r\n.\r\n")
    }

    @Test func renderedMessageWithDotLineNeverContainsALoneDotLineBeforeTheEnd() throws {
        let message = MailMessage(recipient: "m@example.org", subject: "s", body: "first\n.\nlast")
        let payload = SMTPDataEncoding.payload(for: try message.rendered(from: "f@example.org", date: .now))
        let lines = payload.components(separatedBy: "\r\n")
        // "." appears only as the terminator, followed by the empty piece after its CRLF.
        #expect(lines.filter { $0 == "." }.count == 1)
        #expect(lines.suffix(2) == [".", ""])
        #expect(lines.contains(".."))
    }
}
