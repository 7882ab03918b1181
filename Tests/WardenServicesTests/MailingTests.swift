import Crypto
import Foundation
import Testing
import WardenMail
import WardenCore
import WardenServices
import WardenTestSupport

/// Email to members without handing anyone the list: counted, approved, queued inside the
/// store after consent and suppression; one-click unsubscribes; the suppression list's
/// export and import.
@Suite("Mailings")
struct MailingTests {
    /// North ward: `members` members M1… with email consent, but M1–M10 without it; M11 and
    /// M12 share one address; and one member in the South ward. Organisers over North, a
    /// campaign manager over the constituency, a DPO.
    struct Party {
        let test: TestWarden
        let organiser: Actor
        let secondOrganiser: Actor
        let southOrganiser: Actor
        let dpo: Actor
        var warden: Warden { test.warden }

        static func make(members: Int = 520, test given: TestWarden? = nil) async throws -> Party {
            let test = if let given { given } else { try await TestWarden.make() }
            try await test.loadAreas()
            var lines = ["Membership Number,First Name,Surname,Email,Email Consent,Address 1,Postcode,Status,Joined,Branch"]
            for i in 1...members {
                let email = i == 12 ? "member11@example.org" : "member\(i)@example.org"
                lines.append("M\(i),Member\(i),Surname\(i),\(email),\(i <= 10 ? "no" : "yes"),\(i) Mail Road,TN1 1AA,Active,2020-01-01,W1")
            }
            lines.append("S1,South,Member,south@example.org,yes,1 South Road,TN2 2BB,Active,2020-01-01,W2")
            _ = try await test.warden.imports.importMembers(path: try test.write("members.csv", lines.joined(separator: "\n")), actor: .localOperator)
            try await test.account("organiser", .organiser, areaCode: "W1")
            try await test.account("organiser2", .organiser, areaCode: "W1")
            try await test.account("southorg", .organiser, areaCode: "W2")
            try await test.account("dpo", .dataProtectionOfficer, areaCode: "E")
            return Party(test: test, organiser: try await test.signIn("organiser").actor, secondOrganiser: try await test.signIn("organiser2").actor,
                         southOrganiser: try await test.signIn("southorg").actor, dpo: try await test.signIn("dpo").actor)
        }

        func write(_ mailClass: MailClass = .campaigning, audience: Audience = .members(includeArrears: true), body: String = "Dear {{first_name}},\n\nCome canvassing in {{area}} on Saturday.",
                   by actor: Actor? = nil) async throws -> Mailing {
            try await warden.mailings.write(MailingDraft(areaCode: "W1", subject: "Saturday in {{area}}", body: body, mailClass: mailClass,
                                                         audience: audience), actor: actor ?? organiser)
        }

        /// The one-click token in the newest queued email to `address`.
        func unsubscribeToken(of address: String) throws -> String {
            let link = try #require(try test.sqlValues("SELECT list_unsubscribe FROM outbox WHERE recipient = '\(address)' ORDER BY id DESC LIMIT 1").first)
            return String(try #require(link.split(separator: "/").last))
        }
    }

    @Test func aCampaigningSendSkipsThoseWithoutConsentOrSuppressedAndALargeOneNeedsASecondOrganiser() async throws {
        let party = try await Party.make()
        #expect(try await party.warden.suppression.record(.objected, addresses: ["MEMBER13@example.org"], note: "phoned the office", actor: party.organiser) == 1)
        let mailing = try await party.write()

        let preview = try await party.warden.mailings.preview(mailing.id, actor: party.organiser)
        #expect(preview.count == AudienceCount(people: 520, emails: 508, noEmail: 0, noConsent: 10, suppressed: 1, shared: 1))
        #expect(preview.sampleBody.hasPrefix("Dear Sam,\n\nCome canvassing in North Ward on Saturday."))
        #expect(preview.sampleBody.contains("unsubscribe with one click"))
        #expect(preview.sampleSubject == "Saturday in North Ward")
        #expect(preview.approvalsNeeded == [.secondPerson])

        // The other ward's organiser can neither count nor send it, and the refusal is recorded.
        await #expect(throws: WardenError.self) { try await party.warden.mailings.preview(mailing.id, actor: party.southOrganiser) }
        let refused = try await party.warden.accounts.recentAudit(actor: .localOperator, limit: 5).first { $0.actor == "southorg" }
        #expect(refused?.outcome == .refused && refused?.action == .mailing)

        let submitted = try await party.warden.mailings.submit(mailing.id, actor: party.organiser)
        #expect(submitted.state == .awaitingApproval)
        await #expect(throws: WardenError.self) { try await party.warden.mailings.send(mailing.id, actor: party.organiser) }
        // Nobody approves their own mailing.
        await #expect(throws: WardenError.self) { try await party.warden.mailings.approve(mailing.id, actor: party.organiser) }
        let approved = try await party.warden.mailings.approve(mailing.id, actor: party.secondOrganiser)
        #expect(approved.state == .approved && approved.approvals.map(\.by.name) == ["organiser2"])

        let sent = try await party.warden.mailings.send(mailing.id, actor: party.organiser)
        #expect(sent.queued == 508 && sent.noConsent == 10 && sent.suppressed == 1 && sent.shared == 1)
        await #expect(throws: WardenError.self) { try await party.warden.mailings.send(mailing.id, actor: party.organiser) }

        // One email per address, each with its own signed link; nobody without consent, nobody suppressed.
        let queued = try party.test.sqlValues("SELECT recipient FROM outbox WHERE mailing_recipient_id IS NOT NULL")
        #expect(queued.count == 508 && Set(queued).count == 508)
        #expect(!queued.contains("member13@example.org") && !queued.contains("member3@example.org") && !queued.contains("south@example.org"))
        let body = try party.test.sqlValues("SELECT body FROM outbox WHERE recipient = 'member20@example.org'").joined(separator: "\n")
        #expect(body.hasPrefix("Dear Member20,") && body.contains("/unsubscribe/"))
        let links = try party.test.sqlValues("SELECT COUNT(DISTINCT list_unsubscribe) FROM outbox WHERE mailing_recipient_id IS NOT NULL")
        #expect(links == ["508"])

        // The send is in the log: who, the rule, the count, the approval; and no address.
        let logged = try #require(try await party.warden.accounts.recentAudit(actor: .localOperator, limit: 10)
            .first { $0.action == .mailing && $0.detail.contains(": sent") })
        #expect(logged.actor == "organiser" && logged.detail.contains("508 emails queued for 520 people") && logged.detail.contains("approved by organiser2"))
        #expect(!logged.detail.contains("@"))
        // Each recipient's record shows what they were sent.
        let member20 = try #require(try await party.warden.people.search(PeopleQuery(text: "M20"), actor: .localOperator, purpose: .membershipAdministration).value.first)
        let received = try await party.warden.mailings.sent(to: member20.id, actor: .localOperator)
        #expect(received.map(\.subject) == ["Saturday in North Ward"])
    }

    @Test func whatSomeoneWasSentTheListsImportAndAnotherWardsWithdrawalAreRefusedAndRecorded() async throws {
        let party = try await Party.make(members: 12)
        let mailing = try await party.write()
        _ = try await party.warden.mailings.submit(mailing.id, actor: party.organiser)
        _ = try await party.warden.mailings.send(mailing.id, actor: party.organiser)
        let member = try #require(try await party.warden.people.search(PeopleQuery(text: "M11"), actor: .localOperator,
                                                                       purpose: .membershipAdministration).value.first)
        // The DPO sees what a member was sent; the organiser who sent it does not.
        #expect(try await party.warden.mailings.sent(to: member.id, actor: party.dpo).count == 1)
        await #expect(throws: WardenError.self) { try await party.warden.mailings.sent(to: member.id, actor: party.organiser) }
        let refused = try #require(try await party.warden.accounts.recentAudit(actor: .localOperator, limit: 5).first { $0.actor == "organiser" })
        #expect(refused.outcome == .refused && refused.people == [member.id])

        let draft = try await party.write()
        await #expect(throws: WardenError.self) { try await party.warden.mailings.withdraw(draft.id, actor: party.southOrganiser) }
        #expect(try await party.warden.accounts.recentAudit(actor: .localOperator, limit: 5).first { $0.actor == "southorg" }?.outcome == .refused)
        #expect(try await party.warden.mailings.withdraw(draft.id, actor: party.organiser).state == .withdrawn)

        let file = try party.test.write("list.csv", "email\nmember5@example.org\n")
        await #expect(throws: WardenError.self) {
            try await party.warden.suppression.importFile(path: file, displayName: "list.csv", actor: party.organiser)
        }
        #expect(try await party.warden.accounts.recentAudit(actor: .localOperator, limit: 5).first { $0.actor == "organiser" }?.outcome == .refused)
        #expect(try await party.warden.suppression.lookUp("member5@example.org", actor: party.dpo) == nil)
    }

    @Test func oneClickUnsubscribeNeedsOnlyTheSignedLinkAndStopsCampaigningNotServiceMail() async throws {
        let party = try await Party.make(members: 20)
        let first = try await party.write()
        _ = try await party.warden.mailings.submit(first.id, actor: party.organiser)
        #expect(try await party.warden.mailings.send(first.id, actor: party.organiser).queued == 9)

        let token = try party.unsubscribeToken(of: "member15@example.org")
        let outcome = try await party.warden.suppression.unsubscribe(token: token)
        #expect(outcome.mailing == first.id && outcome.newlySuppressed)
        #expect(try await party.warden.suppression.unsubscribe(token: token).newlySuppressed == false)
        // A link changed by one digit is refused, and the refusal recorded.
        let forged = String(token.dropLast()) + (token.last == "0" ? "1" : "0")
        await #expect(throws: WardenError.self) { try await party.warden.suppression.unsubscribe(token: forged) }
        let other = token.replacingOccurrences(of: token.split(separator: "-")[0], with: "1")
        await #expect(throws: WardenError.self) { try await party.warden.suppression.unsubscribe(token: other) }
        let refusals = try await party.warden.accounts.recentAudit(actor: .localOperator, limit: 5).filter { $0.outcome == .refused && $0.action == .mailing }
        #expect(refusals.count == 2)
        #expect(try await party.warden.suppression.lookUp("Member15@example.org", actor: party.dpo)?.reason == .unsubscribed)
        await #expect(throws: WardenError.self) { try await party.warden.suppression.lookUp("member15@example.org", actor: party.organiser) }

        let again = try await party.write()
        #expect(try await party.warden.mailings.preview(again.id, actor: party.organiser).count.suppressed == 1)
        // A service message still reaches them, and those without campaigning consent too.
        let notice = try await party.write(.service, body: "The AGM is on 3 March in {{area}}.")
        #expect(try await party.warden.mailings.preview(notice.id, actor: party.organiser).count
            == AudienceCount(people: 20, emails: 19, noEmail: 0, noConsent: 0, suppressed: 0, shared: 1))
        // A service message is for members only.
        await #expect(throws: WardenError.self) { try await party.write(.service, audience: .supporters) }
    }

    @Test func anAudienceThatGrewPastFiveHundredSinceApprovalWaitsForASecondOrganiser() async throws {
        let party = try await Party.make(members: 20)
        let mailing = try await party.write()
        #expect(try await party.warden.mailings.submit(mailing.id, actor: party.organiser).state == .approved)
        var lines = ["Membership Number,First Name,Surname,Email,Email Consent,Address 1,Postcode,Status,Joined,Branch"]
        for i in 1...500 { lines.append("N\(i),New\(i),Joiner\(i),new\(i)@example.org,yes,\(i) New Road,TN1 1AA,Active,2026-01-01,W1") }
        _ = try await party.warden.imports.importMembers(path: try party.test.write("new.csv", lines.joined(separator: "\n")), actor: .localOperator)
        let error = await #expect(throws: StoreError.self) { try await party.warden.mailings.send(mailing.id, actor: party.organiser) }
        #expect(error?.description.contains("more than its approvals cover") == true)
        #expect(try party.test.sqlValues("SELECT COUNT(*) FROM outbox") == ["0"])
    }

    @Test func duringASelectionAMailingNamingACandidateNeedsTheReturningOfficer() async throws {
        let contest = try await SelectionBallotTests.Contest.make()
        try await contest.test.account("organiser", .organiser, areaCode: "W1")
        try await contest.test.account("organiser2", .organiser, areaCode: "W1")
        let organiser = try await contest.test.signIn("organiser").actor
        let mailing = try await contest.warden.mailings.write(MailingDraft(
            areaCode: "C", subject: "Hustings", body: "Hear ada speak on Friday.", mailClass: .campaigning, audience: .members(includeArrears: false)),
            actor: contest.secretary)
        await #expect(throws: WardenError.self) { try await contest.warden.mailings.preview(mailing.id, actor: organiser) }  // the constituency is not theirs
        let submitted = try await contest.warden.mailings.submit(mailing.id, actor: contest.secretary)
        #expect(submitted.approvalsNeeded == [.returningOfficer(contest.ballot.id)] && submitted.aboutCandidates)
        // Another organiser is not the returning officer.
        await #expect(throws: WardenError.self) {
            try await contest.warden.mailings.approve(mailing.id, actor: try await contest.test.signIn("organiser2").actor)
        }
        let approved = try await contest.warden.mailings.approve(mailing.id, actor: contest.returningOfficer)
        #expect(approved.state == .approved && approved.approvals.first?.kind == .returningOfficer(contest.ballot.id))

        // A mailing that names no candidate, in another ward's contest-free area, needs no one.
        let plain = try await contest.warden.mailings.write(MailingDraft(
            areaCode: "W2", subject: "Litter pick", body: "Sunday at ten.", mailClass: .campaigning, audience: .members(includeArrears: false)),
            actor: contest.secretary)
        #expect(try await contest.warden.mailings.submit(plain.id, actor: contest.secretary).state == .approved)
    }

    @Test func aCampaigningEmailArrivesSignedWithItsOneClickHeadersAndLeavesNoCopyInTheOutbox() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let key = Curve25519.Signing.PrivateKey()
        let signer = try DKIMSigner(domain: "party.example", selector: "ed", ed25519Seed: Data(key.rawRepresentation).base64EncodedString())
        let relay = SMTPRelay(host: "127.0.0.1", port: sink.port, sender: "news@party.example", dkimSigners: [signer])
        let party = try await Party.make(members: 12, test: try await TestWarden.make(mailRelay: relay, publicURL: "https://warden.party.example"))
        let mailing = try await party.write()
        _ = try await party.warden.mailings.submit(mailing.id, actor: party.organiser)
        #expect(try await party.warden.mailings.send(mailing.id, actor: party.organiser).queued == 1)
        #expect(try await party.warden.notices.deliverDueMail().sent == 1)

        let received = try #require(try sink.receivedMessages().first)
        #expect(received.rcptTos == ["member11@example.org"] && received.mailFrom == "news@party.example")
        let headers = received.raw.components(separatedBy: "\r\n\r\n")[0].replacingOccurrences(of: "\r\n ", with: " ")
        #expect(headers.contains("List-Unsubscribe: <https://warden.party.example/unsubscribe/"))
        #expect(headers.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        let signature = try #require(headers.components(separatedBy: "\r\n").first { $0.hasPrefix("DKIM-Signature:") })
        #expect(signature.contains("a=ed25519-sha256") && signature.lowercased().contains("list-unsubscribe:list-unsubscribe-post"))
        #expect(received.parsedBody?.contains("Dear Member11,") == true)
        // The outbox keeps no copy of the personalised text once it is delivered.
        #expect(try party.test.sqlValues("SELECT body FROM outbox WHERE mailing_recipient_id IS NOT NULL").joined().contains("removed once delivery ended"))
    }

    /// A delivery status notification (RFC 3464) as a relay sends one to the bounce address.
    static func report(for address: String, action: String, status: String) -> String {
        """
        From: MAILER-DAEMON@relay.example\r
        To: news@party.example\r
        Subject: Undelivered Mail Returned to Sender\r
        MIME-Version: 1.0\r
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r
        \r
        --b1\r
        Content-Type: text/plain\r
        \r
        The mail system could not deliver your message.\r
        --b1\r
        Content-Type: message/delivery-status\r
        \r
        Reporting-MTA: dns; relay.example\r
        \r
        Final-Recipient: rfc822; \(address)\r
        Action: \(action)\r
        Status: \(status)\r
        \r
        --b1--\r

        """
    }

    @Test func bouncesAndComplaintsFromTheBounceAddressSuppressAsTheirReportsSay() async throws {
        let party = try await Party.make(members: 14)
        let hard = try await party.warden.suppression.record(report: Self.report(for: "member11@example.org", action: "failed", status: "5.1.1"))
        #expect(hard.bounced == 1)
        #expect(try await party.warden.suppression.lookUp("member11@example.org", actor: party.dpo)?.reason == .bounced)
        for round in 1...3 {
            let soft = try await party.warden.suppression.record(report: Self.report(for: "member13@example.org", action: "delayed", status: "4.4.7"))
            #expect(soft.softBounces == 1 && soft.deferred == (round == 3 ? 1 : 0))
        }
        let deferred = try #require(try await party.warden.suppression.lookUp("member13@example.org", actor: party.dpo))
        #expect(deferred.deferredUntil != nil && deferred.blocks(.service, at: .now) && !deferred.blocks(.service, at: .now.adding(days: 8)))
        // Not a report: refused, naming the problem and not the message.
        let error = await #expect(throws: WardenError.self) {
            try await party.warden.suppression.record(report: "From: a@example.org\r\nSubject: hello member14@example.org\r\n\r\nhi\r\n")
        }
        #expect(error?.description.contains("member14") == false)
        // Service mail skips the bounced address (which two members share) and the deferred one.
        let notice = try await party.write(.service, body: "The AGM is on 3 March.")
        #expect(try await party.warden.mailings.preview(notice.id, actor: party.organiser).count.suppressed == 3)
        let logged = try await party.warden.accounts.recentAudit(actor: .localOperator, limit: 10).filter { $0.actor == "bounce address" }
        #expect(logged.count == 4 && logged.allSatisfy { !$0.detail.contains("@") })
    }

    @Test func theSuppressionListRoundTripsThroughExportAndImportAndAnImportNeverWeakensIt() async throws {
        let party = try await Party.make(members: 12)
        _ = try await party.warden.suppression.record(.objected, addresses: ["member11@example.org", "member12@example.org"], note: "", actor: party.dpo)
        let provider = try party.test.write("provider.csv", "Email,Type,Date\nmember11@example.org,unsubscribe,2024-05-01\nmember14@example.org,Hard Bounce,2024-05-02\n")
        #expect(try await party.warden.suppression.importFile(path: provider, displayName: "provider.csv", actor: party.dpo) == (2, 1))
        #expect(try await party.warden.suppression.lookUp("member11@example.org", actor: party.dpo)?.reason == .objected)
        #expect(try await party.warden.suppression.lookUp("member14@example.org", actor: party.dpo)?.reason == .bounced)
        await #expect(throws: WardenError.self) { try await party.warden.suppression.export(actor: party.organiser) }

        let exported = try await party.warden.suppression.export(actor: party.dpo)
        #expect(exported.split(separator: "\r\n").count == 4 && !exported.contains("@"))
        // A database that lost the list (or a new server of the party, with its key ring) takes it back whole.
        try party.test.sql("DELETE FROM mail_suppression")
        let path = try party.test.write("export.csv", exported)
        #expect(try await party.warden.suppression.importFile(path: path, displayName: "export.csv", actor: party.dpo) == (3, 3))
        #expect(try await party.warden.suppression.export(actor: party.dpo) == exported)
        #expect(try await party.warden.suppression.importFile(path: path, displayName: "export.csv", actor: party.dpo) == (3, 0))

        // All or nothing: one bad line and nothing is added; the message names the line and field, not the value.
        let bad = try party.test.write("bad.csv", "email\nmember5@example.org\nnot-an-address\n")
        let error = await #expect(throws: WardenError.self) {
            try await party.warden.suppression.importFile(path: bad, displayName: "bad.csv", actor: party.dpo)
        }
        #expect(error?.description.contains("bad.csv:3: email") == true && error?.description.contains("not-an-address") == false)
        #expect(try await party.warden.suppression.lookUp("member5@example.org", actor: party.dpo) == nil)
    }
}
