import Foundation
import Testing

@testable import WardenMail

/// The headers campaign mail carries: one-click unsubscribe (RFC 8058), `List-Id` (RFC 2919) and
/// a per-message bounce address.
@Suite struct BulkHeaderTests {
    static let sender = "news@party.example"
    static let date = Date(timeIntervalSince1970: 1_751_360_703)
    static let url = "https://party.example/u/3f9a1c"

    static func campaign(
        unsubscribeURL: String? = url,
        listID: String? = "campaign.party.example",
        envelopeSender: String? = "bounces@party.example"
    ) -> MailMessage {
        MailMessage(
            recipient: "member@example.org", subject: "Vote on Thursday", body: "Hello",
            messageID: "c-1@party.example", unsubscribeURL: unsubscribeURL, listID: listID,
            envelopeSender: envelopeSender
        )
    }

    @Test func rendersListHeadersAfterTheMessageID() throws {
        let rendered = try Self.campaign().rendered(from: Self.sender, date: Self.date)
        let (headers, order, _) = try MailDecoding.split(rendered)
        #expect(
            order == [
                "Date", "From", "To", "Subject", "Message-ID", "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post",
                "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
            ])
        #expect(headers["List-Id"] == "<campaign.party.example>")
        #expect(headers["List-Unsubscribe"] == "<\(Self.url)>")
        #expect(headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
        // The bounce address is for the envelope only: `From` stays the relay's sender.
        #expect(headers["From"] == Self.sender)
        #expect(!rendered.contains("bounces@"))
    }

    @Test func withoutThemNothingChanges() throws {
        let plain = MailMessage(recipient: "member@example.org", subject: "s", body: "b", messageID: "m@party.example")
        let rendered = try plain.rendered(from: Self.sender, date: Self.date)
        #expect(!rendered.contains("List-"))
        #expect(try MailDecoding.split(rendered).headerOrder.count == 8)
    }

    @Test func aLongUnsubscribeURLIsFoldedBeforeTheBracket() throws {
        let long = "https://party.example/unsubscribe?token=" + String(repeating: "a1B2", count: 40)
        let rendered = try Self.campaign(unsubscribeURL: long).rendered(from: Self.sender, date: Self.date)
        #expect(rendered.contains("List-Unsubscribe:\r\n <\(long)>\r\n"))
        #expect(try MailDecoding.split(rendered).headers["List-Unsubscribe"] == "\r\n <\(long)>")
    }

    @Test(arguments: ["\r", "\n", "\r\n"])
    func lineBreaksAreRefusedAsInjection(lineBreak: String) {
        let injected = "Bcc: victim@example.org"
        #expect(throws: MailFormatError.lineBreak(.unsubscribeURL)) {
            try Self.campaign(unsubscribeURL: Self.url + lineBreak + injected).rendered(from: Self.sender, date: Self.date)
        }
        #expect(throws: MailFormatError.lineBreak(.listID)) {
            try Self.campaign(listID: "a.b" + lineBreak + injected).rendered(from: Self.sender, date: Self.date)
        }
        #expect(throws: MailFormatError.lineBreak(.envelopeSender)) {
            try Self.campaign(envelopeSender: "bounces@party.example" + lineBreak + injected)
                .rendered(from: Self.sender, date: Self.date)
        }
    }

    @Test(arguments: [
        "http://party.example/u/1", "mailto:unsubscribe@party.example", "https://", "https://party.example/u/1>, <https://evil.example",
        "https://party.example/a b", "https://party.example/ü", "",
    ])
    func unsubscribeURLMustBeASingleHTTPSURL(url: String) {
        #expect(throws: MailFormatError.invalid(.unsubscribeURL)) {
            try Self.campaign(unsubscribeURL: url).rendered(from: Self.sender, date: Self.date)
        }
    }

    @Test(arguments: ["campaign", "campaign..party.example", "<campaign.party.example>", "cam paign.party.example", "café.party.example", ".party.example"])
    func listIDMustBeDotSeparatedLabels(listID: String) {
        #expect(throws: MailFormatError.invalid(.listID)) {
            try Self.campaign(listID: listID).rendered(from: Self.sender, date: Self.date)
        }
    }

    @Test(arguments: ["bounces", "bounces@party.example>", "a b@party.example"])
    func envelopeSenderMustBeAnAddress(address: String) {
        #expect(throws: MailFormatError.invalid(.envelopeSender)) {
            try Self.campaign(envelopeSender: address).rendered(from: Self.sender, date: Self.date)
        }
    }
}
