import Foundation

/// Bounce and complaint reports as MTAs and mailbox providers send them, written for the tests
/// after the shape of the real thing (addresses and hosts are reserved example names). Swift
/// literals have LF line breaks; ``crlf(_:)`` gives the CRLF form that arrives over SMTP.
enum MailReportSamples {
    static func crlf(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\r\n")
    }

    /// Postfix's bounce for an address rewritten by an alias: folded `Content-Type`, a quoted
    /// boundary with a slash, the original message attached.
    static let postfixUserUnknown = crlf(
        """
        Return-Path: <>
        Received: by mx.party.example (Postfix)
        \tid 4Vb1xk0F3Jz9s; Tue,  1 Dec 2026 06:30:01 +0000 (UTC)
        Date: Tue,  1 Dec 2026 06:30:01 +0000 (UTC)
        From: MAILER-DAEMON@mx.party.example (Mail Delivery System)
        Subject: Undelivered Mail Returned to Sender
        To: bounces@party.example
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status;
        \tboundary="4Vb1xk0F3Jz9s.1764570601/mx.party.example"
        Content-Transfer-Encoding: 8bit
        Message-Id: <20261201063001.4Vb1xk0F3Jz9s@mx.party.example>

        This is a MIME-encapsulated message.

        --4Vb1xk0F3Jz9s.1764570601/mx.party.example
        Content-Description: Notification
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mx.party.example.

        I'm sorry to have to inform you that your message could not
        be delivered to one or more recipients. It's attached below.

        <jdoe@forward.example.net> (expanded from <jane.doe@example.org>): host
            mx.forward.example.net[203.0.113.7] said: 550 5.1.1 <jdoe@forward.example.net>:
            Recipient address rejected: User unknown in virtual mailbox table (in
            reply to RCPT TO command)

        --4Vb1xk0F3Jz9s.1764570601/mx.party.example
        Content-Description: Delivery report
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.party.example
        X-Postfix-Queue-ID: 4Vb1xk0F3Jz9s
        X-Postfix-Sender: rfc822; bounces@party.example
        Arrival-Date: Tue,  1 Dec 2026 06:29:58 +0000 (UTC)

        Final-Recipient: rfc822; jdoe@forward.example.net
        Original-Recipient: rfc822;jane.doe@example.org
        Action: failed
        Status: 5.1.1
        Remote-MTA: dns; mx.forward.example.net
        Diagnostic-Code: smtp; 550 5.1.1 <jdoe@forward.example.net>: Recipient address
            rejected: User unknown in virtual mailbox table

        --4Vb1xk0F3Jz9s.1764570601/mx.party.example
        Content-Description: Undelivered Message
        Content-Type: message/rfc822

        Return-Path: <bounces@party.example>
        Date: Tue, 1 Dec 2026 06:29:58 +0000
        From: noreply@party.example
        To: jane.doe@example.org
        Subject: Vote on Thursday
        Message-ID: <campaign-42.7f3a@party.example>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        Hello

        --4Vb1xk0F3Jz9s.1764570601/mx.party.example--

        """)

    /// Exim's bounce: LF line breaks, an unquoted boundary, `Content-type` in its own case,
    /// `Action` before `Final-Recipient`, and only the original's header attached.
    static let eximMailboxFull = """
        Return-path: <>
        Envelope-to: bounces@party.example
        Delivery-date: Tue, 01 Dec 2026 06:31:10 +0000
        Received: from Debian-exim by mx.example.net with local (Exim 4.96)
        \tid 1tHxYz-000AbC-2D
        \tfor bounces@party.example; Tue, 01 Dec 2026 06:31:10 +0000
        X-Failed-Recipients: someone@example.net
        Auto-Submitted: auto-replied
        From: Mail Delivery System <Mailer-Daemon@mx.example.net>
        To: bounces@party.example
        Content-Type: multipart/report; report-type=delivery-status; boundary=1764570670-eximdsn-1804289383
        MIME-Version: 1.0
        Subject: Mail delivery failed: returning message to sender
        Message-Id: <E1tHxYz-000AbC-2D@mx.example.net>
        Date: Tue, 01 Dec 2026 06:31:10 +0000

        --1764570670-eximdsn-1804289383
        Content-type: text/plain; charset=us-ascii

        This message was created automatically by mail delivery software.

        A message that you sent could not be delivered to one or more of its
        recipients. This is a permanent error. The following address(es) failed:

          someone@example.net
            mailbox is full: retry timeout exceeded

        --1764570670-eximdsn-1804289383
        Content-type: message/delivery-status

        Reporting-MTA: dns; mx.example.net

        Action: failed
        Final-Recipient: rfc822;someone@example.net
        Status: 5.0.0

        --1764570670-eximdsn-1804289383
        Content-type: text/rfc822-headers

        Return-path: <bounces@party.example>
        Received: from [198.51.100.4] (helo=warden.party.example)
        \tby mx.example.net with esmtps (TLS1.3) id 1tHxYa-000AbC-1A
        \tfor someone@example.net; Tue, 01 Dec 2026 06:28:02 +0000
        Message-ID: <notice-7@party.example>
        From: noreply@party.example
        To: someone@example.net
        Subject: Your membership

        --1764570670-eximdsn-1804289383--

        """

    /// Postfix's warning that a message is still being retried (`delayed`, 4.4.7).
    static let postfixDelayed = crlf(
        """
        Date: Tue,  1 Dec 2026 10:30:01 +0000 (UTC)
        From: MAILER-DAEMON@mx.party.example (Mail Delivery System)
        Subject: Delayed Mail (still being retried)
        To: bounces@party.example
        Auto-Submitted: auto-generated
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status;
        \tboundary="7Kc2yl1G4Ka0t.1764585001/mx.party.example"

        This is a MIME-encapsulated message.

        --7Kc2yl1G4Ka0t.1764585001/mx.party.example
        Content-Description: Notification
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mx.party.example.

        ####################################################################
        # THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
        ####################################################################

        Your message could not be delivered for more than 4 hour(s).
        It will be retried until it is 5 day(s) old.

        --7Kc2yl1G4Ka0t.1764585001/mx.party.example
        Content-Description: Delivery report
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.party.example
        X-Postfix-Queue-ID: 7Kc2yl1G4Ka0t
        Arrival-Date: Tue,  1 Dec 2026 06:29:58 +0000 (UTC)

        Final-Recipient: rfc822; slow@example.com
        Action: delayed
        Status: 4.4.7
        Diagnostic-Code: X-Postfix; connect to mx.example.com[192.0.2.9]:25: Connection
            timed out
        Will-Retry-Until: Sun,  6 Dec 2026 06:29:58 +0000 (UTC)

        --7Kc2yl1G4Ka0t.1764585001/mx.party.example
        Content-Description: Undelivered Message Headers
        Content-Type: text/rfc822-headers

        From: noreply@party.example
        To: slow@example.com
        Subject: Vote on Thursday
        Message-ID: <campaign-42.9b1c@party.example>

        --7Kc2yl1G4Ka0t.1764585001/mx.party.example--

        """)

    /// A report on two recipients (the sender asked for success notices too): one failed, one
    /// delivered.
    static let oneFailedOneDelivered = crlf(
        """
        From: MAILER-DAEMON@relay.example.com
        To: bounces@party.example
        Subject: Delivery Status Notification
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type="delivery-status"; boundary="=_dsn_b01"

        --=_dsn_b01
        Content-Type: text/plain

        Delivered to one recipient; failed for the other.

        --=_dsn_b01
        Content-Type: message/delivery-status

        Reporting-MTA: dns; relay.example.com
        Original-Envelope-Id: campaign-42

        Final-Recipient: rfc822; gone@example.com
        Action: failed
        Status: 5.1.1 (bad destination mailbox address)
        Diagnostic-Code: smtp; 550 5.1.1 The email account that you tried to reach does not exist.

        Final-Recipient: rfc822; present@example.com
        Action: delivered
        Status: 2.0.0

        --=_dsn_b01--

        """)

    /// A complaint as Yahoo's and AOL's feedback loops send it: `Original-Rcpt-To` given, the
    /// original message attached.
    static let yahooStyleComplaint = crlf(
        """
        From: feedback@arf.mail.yahoo.example
        To: fbl@party.example
        Subject: FW: Vote on Thursday
        Date: Tue, 1 Dec 2026 09:12:44 +0000
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=feedback-report;
          boundary="----=_Part_1182_2066327461.1764580364"

        ------=_Part_1182_2066327461.1764580364
        Content-Type: text/plain; charset=us-ascii
        Content-Transfer-Encoding: 7bit

        This is an email abuse report for an email message received from IP 198.51.100.4 on Tue, 1 Dec 2026 06:29:58 +0000

        ------=_Part_1182_2066327461.1764580364
        Content-Type: message/feedback-report

        Feedback-Type: abuse
        User-Agent: Yahoo!-Mail-Feedback/2.0
        Version: 0.1
        Original-Mail-From: <bounces@party.example>
        Original-Rcpt-To: <member.one@yahoo.example>
        Received-Date: Tue, 1 Dec 2026 06:29:58 +0000
        Reported-Domain: party.example
        Authentication-Results: mta1000.mail.yahoo.example  from=party.example; domainkeys=neutral (no sig);  from=party.example; dkim=pass (ok)

        ------=_Part_1182_2066327461.1764580364
        Content-Type: message/rfc822
        Content-Disposition: inline

        Received: from 198.51.100.4 (EHLO warden.party.example) (198.51.100.4)
          by mta1000.mail.yahoo.example with SMTPS; Tue, 01 Dec 2026 06:29:58 +0000
        From: noreply@party.example
        To: member.one@yahoo.example
        Subject: Vote on Thursday
        Message-ID: <campaign-42.c4d2@party.example>
        List-Unsubscribe: <https://party.example/u/c4d2>

        Hello

        ------=_Part_1182_2066327461.1764580364--

        """)

    /// A complaint without `Original-Rcpt-To`, as some providers send: the recipient is the `To`
    /// (with a display name) of the attached header, and the report part is base64.
    static let complaintWithoutOriginalRcptTo = crlf(
        """
        From: fbl@mail.provider.example
        To: fbl@party.example
        Subject: Complaint about message from 198.51.100.4
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=feedback-report; boundary=arf_boundary_77

        --arf_boundary_77
        Content-Type: text/plain

        A user of mail.provider.example reported this message as spam.

        --arf_boundary_77
        Content-Type: message/feedback-report
        Content-Transfer-Encoding: base64

        RmVlZGJhY2stVHlwZTogYWJ1c2UNClVzZXItQWdlbnQ6IFByb3ZpZGVyRkJMLzEuMA0KVmVy
        c2lvbjogMQ0KT3JpZ2luYWwtTWFpbC1Gcm9tOiBib3VuY2VzQHBhcnR5LmV4YW1wbGUNCkFy
        cml2YWwtRGF0ZTogVHVlLCAxIERlYyAyMDI2IDA2OjI5OjU4ICswMDAwDQo=

        --arf_boundary_77
        Content-Type: text/rfc822-headers

        From: noreply@party.example
        To: "Doe, Jane" <jane.doe@provider.example>
        Subject: Vote on Thursday
        Message-Id: <campaign-42.e5f6@party.example>

        --arf_boundary_77--

        """)
}
