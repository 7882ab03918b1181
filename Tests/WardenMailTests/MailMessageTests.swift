import Foundation
import Testing

@testable import WardenMail

@Suite struct MailMessageTests {
    static let sender = "noreply@party.example"
    static let date = Date(timeIntervalSince1970: 1_751_360_703)  // Tue, 01 Jul 2025 09:05:03 UTC

    @Test func rendersHeadersInOrderWithCRLF() throws {
        let message = MailMessage(
            recipient: "member@example.org",
            subject: "Your membership",
            body: "Hello\nWorld",
            messageID: "abc123@party.example"
        )
        let rendered = try message.rendered(from: Self.sender, date: Self.date)
        #expect(
            rendered == """
                Date: Tue, 01 Jul 2025 09:05:03 +0000\r
                From: noreply@party.example\r
                To: member@example.org\r
                Subject: Your membership\r
                Message-ID: <abc123@party.example>\r
                MIME-Version: 1.0\r
                Content-Type: text/plain; charset=utf-8\r
                Content-Transfer-Encoding: quoted-printable\r
                \r
                Hello\r
                World\r

                """
        )
        // No bare LF or CR anywhere.
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
    }

    @Test(arguments: [
        (0.0, "Thu, 01 Jan 1970 00:00:00 +0000"),
        (951_782_400.0, "Tue, 29 Feb 2000 00:00:00 +0000"),
        (-31_536_000.0, "Wed, 01 Jan 1969 00:00:00 +0000"),
        (1_751_360_703.9, "Tue, 01 Jul 2025 09:05:03 +0000"),
    ])
    func dateHeaderIsRFC5322InUTC(seconds: Double, expected: String) {
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test func nonASCIISubjectBecomesEncodedWords() throws {
        let subject = "Willkommen bei der Grünen Jugend — Ihre Mitgliedschaft 🎉"
        let message = MailMessage(recipient: "m@example.org", subject: subject, body: "x")
        let rendered = try message.rendered(from: Self.sender, date: Self.date)
        #expect(rendered.utf8.allSatisfy { $0 < 0x80 })
        let (headers, _, _) = try MailDecoding.split(rendered)
        let value = try #require(headers["Subject"])
        #expect(value.hasPrefix("=?UTF-8?B?"))
        #expect(try MailDecoding.encodedWords(value) == subject)
    }

    @Test(arguments: [String(repeating: "Ä€😀", count: 20), String(repeating: "a", count: 80), "Ü" + String(repeating: "x", count: 200)])
    func longSubjectIsSplitIntoWholeCharacterWordsWithinLineLimits(subject: String) throws {
        let message = MailMessage(recipient: "m@example.org", subject: subject, body: "x")
        let rendered = try message.rendered(from: Self.sender, date: Self.date)
        for line in rendered.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76, "line too long: \(line)")
        }
        let value = try #require(try MailDecoding.split(rendered).headers["Subject"])
        let words = value.components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        for word in words {
            #expect(word.utf8.count <= 75)
        }
        // The decoder refuses words that split a character.
        #expect(try MailDecoding.encodedWords(value) == subject)
    }

    @Test func shortASCIISubjectStaysReadable() throws {
        let subject = String(repeating: "a", count: 76 - "Subject: ".count)
        let message = MailMessage(recipient: "m@example.org", subject: subject, body: "x")
        #expect(try MailDecoding.split(message.rendered(from: Self.sender, date: Self.date)).headers["Subject"] == subject)
    }

    @Test func asciiSubjectThatLooksEncodedIsEncoded() throws {
        let subject = "=?UTF-8?B?SGk=?="
        let message = MailMessage(recipient: "m@example.org", subject: subject, body: "x")
        let (headers, _, _) = try MailDecoding.split(try message.rendered(from: Self.sender, date: Self.date))
        #expect(headers["Subject"] != subject)
        #expect(try MailDecoding.encodedWords(#require(headers["Subject"])) == subject)
    }

    @Test func emptySubjectIsAllowed() throws {
        let message = MailMessage(recipient: "m@example.org", subject: "", body: "x")
        #expect(try message.rendered(from: Self.sender, date: Self.date).contains("\r\nSubject: \r\n"))
    }

    @Test(arguments: ["\r", "\n", "\r\n"])
    func lineBreaksInHeadersAreRefusedAsInjection(lineBreak: String) {
        let injected = "Bcc: victim@example.org"
        let recipient = MailMessage(recipient: "m@example.org\(lineBreak)\(injected)", subject: "s", body: "b")
        #expect(throws: MailFormatError.lineBreak(.recipient)) {
            try recipient.rendered(from: Self.sender, date: Self.date)
        }
        let subject = MailMessage(recipient: "m@example.org", subject: "Hi\(lineBreak)\(injected)", body: "b")
        #expect(throws: MailFormatError.lineBreak(.subject)) {
            try subject.rendered(from: Self.sender, date: Self.date)
        }
        let ok = MailMessage(recipient: "m@example.org", subject: "s", body: "b")
        #expect(throws: MailFormatError.lineBreak(.sender)) {
            try ok.rendered(from: "noreply@party.example\(lineBreak)\(injected)", date: Self.date)
        }
        let messageID = MailMessage(recipient: "m@example.org", subject: "s", body: "b", messageID: "<a@b>\(lineBreak)\(injected)")
        #expect(throws: MailFormatError.lineBreak(.messageID)) {
            try messageID.rendered(from: Self.sender, date: Self.date)
        }
    }

    @Test(arguments: ["", "no-at-sign", "@example.org", "member@", "a@b@c", "mem ber@example.org", "m<x>@example.org", "jürgen@example.org", "a,b@example.org"])
    func invalidRecipientAddressesAreRefused(address: String) {
        let message = MailMessage(recipient: address, subject: "s", body: "b")
        #expect(throws: MailFormatError.invalid(.recipient)) {
            try message.rendered(from: Self.sender, date: Self.date)
        }
    }

    @Test func bodyMayContainAnythingIncludingHeaderLikeLines() throws {
        let body = "Bcc: x@example.org\r\n\r\n.\r\nend"
        let message = MailMessage(recipient: "m@example.org", subject: "s", body: body)
        let rendered = try message.rendered(from: Self.sender, date: Self.date)
        let (headers, _, renderedBody) = try MailDecoding.split(rendered)
        #expect(headers["Bcc"] == nil)
        #expect(try MailDecoding.quotedPrintable(renderedBody) == body + "\r\n")
    }

    @Test func messageIDIsBracketedOnceAndGeneratedWhenMissing() throws {
        let bare = MailMessage(recipient: "m@example.org", subject: "s", body: "b", messageID: "id-1@party.example")
        let bracketed = MailMessage(recipient: "m@example.org", subject: "s", body: "b", messageID: "<id-1@party.example>")
        #expect(try MailDecoding.split(bare.rendered(from: Self.sender, date: Self.date)).headers["Message-ID"] == "<id-1@party.example>")
        #expect(try MailDecoding.split(bracketed.rendered(from: Self.sender, date: Self.date)).headers["Message-ID"] == "<id-1@party.example>")

        let generated = MailMessage(recipient: "m@example.org", subject: "s", body: "b")
        let first = try #require(try MailDecoding.split(generated.rendered(from: Self.sender, date: Self.date)).headers["Message-ID"])
        let second = try #require(try MailDecoding.split(generated.rendered(from: Self.sender, date: Self.date)).headers["Message-ID"])
        #expect(first.hasPrefix("<") && first.hasSuffix("@party.example>"))
        #expect(first != second)

        let spaced = MailMessage(recipient: "m@example.org", subject: "s", body: "b", messageID: "a b@c")
        #expect(throws: MailFormatError.invalid(.messageID)) { try spaced.rendered(from: Self.sender, date: Self.date) }
    }

    @Test func formatErrorDescriptionsNameTheFieldButNotTheValue() {
        let message = MailMessage(recipient: "secret.person@example.org\nBcc: x", subject: "s", body: "b")
        do {
            _ = try message.rendered(from: Self.sender, date: Self.date)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("recipient"))
            #expect(!error.description.contains("secret.person"))
            #expect(!error.description.contains("@"))
        }
    }
}
