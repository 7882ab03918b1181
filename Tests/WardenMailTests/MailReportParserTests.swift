import Foundation
import Testing

@testable import WardenMail

/// Bounces (RFC 3464) and complaints (RFC 5965) read from samples in the shape real MTAs and
/// mailbox providers send (`Support/MailReportSamples.swift`).
@Suite struct MailReportParserTests {
    typealias Samples = MailReportSamples

    @Test func postfixUserUnknownIsAHardBounceForTheAddressWardenSentTo() throws {
        let reports = try MailReportParser.reports(in: Samples.postfixUserUnknown)
        // Original-Recipient (before the alias) wins over Final-Recipient.
        #expect(reports == [MailReport(kind: .hardBounce, recipient: "jane.doe@example.org", status: "5.1.1", originalMessageID: "campaign-42.7f3a@party.example")])
    }

    @Test func eximBounceWithLFLineBreaksAndAttachedHeaders() throws {
        #expect(
            try MailReportParser.reports(in: Samples.eximMailboxFull)
                == [MailReport(kind: .hardBounce, recipient: "someone@example.net", status: "5.0.0", originalMessageID: "notice-7@party.example")])
    }

    @Test func aDelayIsASoftBounce() throws {
        #expect(
            try MailReportParser.reports(in: Samples.postfixDelayed)
                == [MailReport(kind: .softBounce, recipient: "slow@example.com", status: "4.4.7", originalMessageID: "campaign-42.9b1c@party.example")])
    }

    @Test func onlyTheFailedOfTwoRecipientsIsReported() throws {
        #expect(
            try MailReportParser.reports(in: Samples.oneFailedOneDelivered)
                == [MailReport(kind: .hardBounce, recipient: "gone@example.com", status: "5.1.1")])
    }

    @Test func aFailureWithATransientStatusIsSoftAndRelayedOrExpandedIsNothing() throws {
        let reports = try MailReportParser.reports(
            in: Self.dsn(
                """
                Final-Recipient: rfc822; full@example.com
                Action: failed
                Status: 4.2.2

                Final-Recipient: rfc822; onward@example.com
                Action: relayed
                Status: 2.0.0

                Final-Recipient: rfc822; list@example.com
                Action: expanded
                Status: 2.0.0

                Final-Recipient: rfc822; odd@example.com
                Action: failed
                Status: not-a-code
                """))
        #expect(
            reports == [
                MailReport(kind: .softBounce, recipient: "full@example.com", status: "4.2.2"),
                // A failure is permanent unless its status says otherwise.
                MailReport(kind: .hardBounce, recipient: "odd@example.com", status: nil),
            ])
    }

    @Test func aYahooStyleComplaintNamesOriginalRcptTo() throws {
        #expect(
            try MailReportParser.reports(in: Samples.yahooStyleComplaint)
                == [MailReport(kind: .complaint, recipient: "member.one@yahoo.example", feedbackType: "abuse", originalMessageID: "campaign-42.c4d2@party.example")])
    }

    @Test func aComplaintWithoutOriginalRcptToFallsBackToTheAttachedTo() throws {
        // Also: the feedback-report part is base64 and the boundary unquoted.
        #expect(
            try MailReportParser.reports(in: Samples.complaintWithoutOriginalRcptTo)
                == [MailReport(kind: .complaint, recipient: "jane.doe@provider.example", feedbackType: "abuse", originalMessageID: "campaign-42.e5f6@party.example")])
    }

    @Test func notSpamAndAuthFailureReportsAreNotComplaints() throws {
        for type in ["not-spam", "auth-failure"] {
            let report = Samples.yahooStyleComplaint.replacingOccurrences(of: "Feedback-Type: abuse", with: "Feedback-Type: \(type)")
            #expect(try MailReportParser.reports(in: report) == [])
        }
    }

    @Test func headerNamesMediaTypesAndParameterNamesAreCaseInsensitive() throws {
        let shouting = Samples.eximMailboxFull
            .replacingOccurrences(
                of: "Content-Type: multipart/report; report-type=delivery-status; boundary=",
                with: "CONTENT-TYPE: Multipart/Report; Report-Type=Delivery-Status; BOUNDARY=")
            .replacingOccurrences(of: "Content-type: message/delivery-status", with: "content-type: Message/Delivery-Status")
            .replacingOccurrences(of: "Action: failed", with: "ACTION: Failed")
            .replacingOccurrences(of: "Message-ID:", with: "message-id:")
        #expect(try MailReportParser.reports(in: shouting) == MailReportParser.reports(in: Samples.eximMailboxFull))
    }

    @Test(arguments: ["base64", "quoted-printable"])
    func aTransferEncodedStatusPartIsDecoded(encoding: String) throws {
        let fields = "Reporting-MTA: dns; mx.example.net\r\n\r\nFinal-Recipient: rfc822; ren\u{E9}e@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        let encoded = (encoding == "base64" ? Data(fields.utf8).base64EncodedString(options: .lineLength64Characters) : QuotedPrintable.encode(fields))
            .replacingOccurrences(of: "\r\n", with: "\n")  // crlf(_:) below puts the CR back
        let raw = MailReportSamples.crlf(
            """
            Content-Type: multipart/report; report-type=delivery-status; boundary=b1

            --b1
            Content-Type: message/delivery-status
            Content-Transfer-Encoding: \(encoding)

            \(encoded)
            --b1--
            """)
        #expect(try MailReportParser.reports(in: raw) == [MailReport(kind: .hardBounce, recipient: "ren\u{E9}e@example.com", status: "5.1.1")])
    }

    @Test func quotedPrintableIsDecodedLeniently() {
        // A soft break joins lines, trailing whitespace goes, a stray "=" stays as written.
        let decoded = TransferDecoding.quotedPrintable("Final-Recipient: rfc822; long=\n.name@example.com  \nStatus: 5=2E1.1 =ZZ")
        #expect(String(decoding: decoded, as: UTF8.self) == "Final-Recipient: rfc822; long.name@example.com\nStatus: 5.1.1 =ZZ")
        #expect(LineBreaks.normalized("a\r\nb\rc\n") == "a\nb\nc\n")
    }

    @Test func aReportInsideAnotherMultipartIsFoundButNotOneInsideAnAttachedMessage() throws {
        let wrapped = MailReportSamples.crlf(
            """
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: text/plain

            Forwarded by the gateway.
            --outer
            Content-Type: multipart/report; report-type=delivery-status; boundary="inner"

            --inner
            Content-Type: multipart/alternative; boundary="alt"

            --alt
            Content-Type: text/plain

            Could not deliver.
            --alt
            Content-Type: text/html

            <p>Could not deliver.</p>
            --alt--
            --inner
            Content-Type: message/delivery-status

            Final-Recipient: rfc822; gone@example.com
            Action: failed
            Status: 5.1.1
            --inner--
            --outer--
            """)
        #expect(try MailReportParser.reports(in: wrapped) == [MailReport(kind: .hardBounce, recipient: "gone@example.com", status: "5.1.1")])

        // A member forwarding a bounce they received is not a bounce of Warden's.
        let forwarded = "Content-Type: multipart/mixed; boundary=fwd\r\n\r\n--fwd\r\nContent-Type: message/rfc822\r\n\r\n"
            + Samples.postfixUserUnknown + "\r\n--fwd--\r\n"
        #expect(throws: MailReportError.notAReport) { try MailReportParser.reports(in: forwarded) }
    }

    @Test func garbageAndOrdinaryMailAreNotReports() {
        let plain = "From: jane.doe@example.org\r\nTo: noreply@party.example\r\nSubject: Re: Vote on Thursday\r\n\r\nSee you there!\r\n"
        let readReceipt = Self.dsn("Final-Recipient: rfc822; a@example.com\nDisposition: manual-action/MDN-sent-manually; displayed")
            .replacingOccurrences(of: "delivery-status", with: "disposition-notification")
        for raw in ["", "\u{0}\u{7F}\u{1B}[31m garbage \u{FFFD}", plain, readReceipt, "Content-Type: ;;;\n\n--x"] {
            #expect(throws: MailReportError.notAReport) { try MailReportParser.reports(in: raw) }
        }
    }

    @Test func brokenReportsNameTheProblem() {
        #expect(throws: MailReportError.noBoundary) {
            try MailReportParser.reports(in: "Content-Type: multipart/report; report-type=delivery-status\r\n\r\nbody\r\n")
        }
        #expect(throws: MailReportError.malformedPart) {
            // The boundary never occurs.
            try MailReportParser.reports(in: "Content-Type: multipart/report; report-type=delivery-status; boundary=b1\r\n\r\nbody\r\n")
        }
        #expect(throws: MailReportError.malformedPart) {
            try MailReportParser.reports(in: Self.dsn("!!! not base64 !!!", encoding: "base64"))
        }
        #expect(throws: MailReportError.malformedPart) {
            // A delivery-status report without its delivery-status part.
            try MailReportParser.reports(in: Samples.postfixUserUnknown.replacingOccurrences(of: "message/delivery-status", with: "text/plain"))
        }
        #expect(throws: MailReportError.malformedPart) {
            try MailReportParser.reports(in: Samples.yahooStyleComplaint.replacingOccurrences(of: "Feedback-Type: abuse", with: "X-Type: abuse"))
        }
        #expect(throws: MailReportError.noRecipient) {
            try MailReportParser.reports(in: Self.dsn("Action: failed\nStatus: 5.1.1"))
        }
        #expect(throws: MailReportError.noRecipient) {
            try MailReportParser.reports(
                in: Samples.yahooStyleComplaint
                    .replacingOccurrences(of: "Original-Rcpt-To: <member.one@yahoo.example>\r\n", with: "")
                    .replacingOccurrences(of: "To: member.one@yahoo.example\r\n", with: "To: redacted\r\n"))
        }
    }

    @Test func nestingBeyondTheLimitIsRefused() {
        var raw = "Content-Type: multipart/report; report-type=delivery-status; boundary=b0\r\n\r\n"
        for depth in 1...20 {
            raw += "--b\(depth - 1)\r\nContent-Type: multipart/mixed; boundary=b\(depth)\r\n\r\n"
        }
        #expect(throws: MailReportError.malformedPart) { try MailReportParser.reports(in: raw) }
    }

    @Test func errorsNeverQuoteTheReport() {
        let errors: [MailReportError] = [.notAReport, .noBoundary, .malformedPart, .noRecipient]
        for error in errors {
            #expect(!error.description.contains("@"))
            #expect(!error.description.isEmpty)
        }
    }

    /// A minimal delivery status notification around `recipientFields` (LF line breaks).
    static func dsn(_ recipientFields: String, encoding: String = "7bit") -> String {
        """
        From: MAILER-DAEMON@relay.example.com
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: message/delivery-status
        Content-Transfer-Encoding: \(encoding)

        Reporting-MTA: dns; relay.example.com

        \(recipientFields)

        --b1--
        """
    }
}
