import Foundation
import Testing
import WardenCore
import WardenMail
import WardenServices
import WardenTestSupport

/// Seed 004 at small scale: during a selection contest one organiser account changes 300
/// members' emails. The investigation finds exactly those 300, rollback restores them while
/// keeping a member's own later correction, and every member hears of it by real SMTP: of
/// the change at both addresses, of the rollback only at the restored one.
/// Needs python3 with aiosmtpd: without it `SMTPSink.start()` fails the test, saying what to install.
@Suite("Seed 004 replay")
struct Seed004ReplayTests {
    static let members = 300

    func membersFile() -> String {
        var lines = ["Membership Number,First Name,Surname,Email,Address 1,Postcode,Status,Joined,Branch"]
        for i in 1...Self.members {
            lines.append("N\(i),Member,Number\(i),member\(i)@example.org,\(i) Contest Road,TN9 9ZZ,Active,2020-01-01,W1")
        }
        lines.append("S1,South,Member,south@example.org,1 Other Road,TN8 8ZZ,Active,2020-01-01,W2")
        return lines.joined(separator: "\n")
    }

    /// The member with this membership number, with their contact points.
    func person(_ number: String, _ test: TestWarden) async throws -> PersonView {
        let found = try await test.warden.people.search(PeopleQuery(text: number), actor: .localOperator, purpose: .membershipAdministration).value
        let id = try #require(found.first { $0.membershipNumber == number }?.id)
        return try await test.warden.people.person(id, actor: .localOperator, purpose: .membershipAdministration).value
    }

    @Test func oneAccountsChangesAreFoundRolledBackAndEveryMemberTold() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let test = try await TestWarden.make(mailRelay: SMTPRelay(host: "127.0.0.1", port: sink.port, sender: "warden@example.org"))
        try await test.loadAreas()
        _ = try await test.warden.imports.importMembers(path: try test.write("members.csv", membersFile()), actor: .localOperator)
        try await test.account("rogue", .organiser, areaCode: "W1")
        try await test.account("member7", .member, membershipNumber: "N7")
        try await test.account("dpo", .dataProtectionOfficer, areaCode: "C")
        let rogue = try await test.signIn("rogue").actor
        let member7 = try await test.signIn("member7").actor
        let dpo = try await test.signIn("dpo").actor
        // The window opens after the membership import, which is not part of the incident.
        try await Task.sleep(for: .milliseconds(1_100))
        let start = Timestamp.now

        var people: [Int: PersonID] = [:]
        for i in 1...Self.members { people[i] = try await person("N\(i)", test).id }
        for i in 1...Self.members {
            let outcome = try await test.warden.people.changeContacts(
                of: try #require(people[i]), edits: [try ContactEdit(kind: .email, text: "rogue.collects+\(i)@example.net")],
                reason: "tidying the contest mailing list", actor: rogue, purpose: .campaignPlanning)
            guard case .changed(_, let fields, let notices) = outcome else { Issue.record("no change for \(i)"); return }
            #expect(fields == ["email"])
            #expect(notices == 2)
        }
        // Outside the organiser's ward: refused, recorded and alerted.
        let south = try await person("S1", test).id
        await #expect(throws: WardenError.notFound("no such person, or not one you may change")) {
            _ = try await test.warden.people.changeContacts(
                of: south, edits: [try ContactEdit(kind: .email, text: "x@example.net")], reason: "tidying", actor: rogue, purpose: .campaignPlanning)
        }
        #expect(try await test.warden.alerts.list(actor: .localOperator).contains { $0.kind == .outOfScope && $0.actor == "rogue" })
        // Member 7 notices and puts their own email right: their change, no notice.
        let own = try await test.warden.people.changeContacts(
            of: try #require(people[7]), edits: [try ContactEdit(kind: .email, text: "seven.genuine@example.org")],
            reason: "my email was wrong", actor: member7, purpose: .selfService)
        #expect(own.notices == 0)
        let end = Timestamp(secondsSince1970: Timestamp.now.secondsSince1970 + 1)

        // The server's outbox sends within seconds: the old and the new address of each change.
        let beforeRollback = try await test.warden.notices.deliverDueMail()
        #expect(beforeRollback.sent == 2 * Self.members)
        #expect(beforeRollback.left == 0)
        let sentBeforeRollback = try sink.receivedMessages().count

        // The investigation: exactly those 300, by field and by area.
        let report = try await test.warden.investigations.changes(by: "rogue", from: start, to: end, proofs: true, actor: dpo)
        #expect(report.changes.count == Self.members)
        #expect(report.people == Self.members)
        #expect(report.byField == ["email": Self.members])
        #expect(report.byArea == ["North Ward (W1)": Self.members])
        #expect(report.changes.allSatisfy { $0.proof != nil })
        let inArea = try await test.warden.investigations.contactChanges(
            in: try #require(try await test.warden.areas.id(code: "C")), from: start, to: end, proofs: false, actor: dpo)
        #expect(inArea.changes.count == Self.members)  // the member's own correction is not among them
        #expect(Set(inArea.changes.map(\.actor)) == ["rogue"])
        await #expect(throws: WardenError.self) {
            _ = try await test.warden.investigations.changes(by: "rogue", from: start, to: end, proofs: false, actor: member7)
        }

        // Rollback: a dry run first, then for real.
        let dryRun = try await test.warden.rollback.run(account: "rogue", from: start, to: end, reason: "seed 004", dryRun: true, actor: dpo)
        #expect(dryRun.count(.restored) == Self.members - 1)
        #expect(dryRun.items.filter { $0.outcome == .conflict }.map(\.laterBy) == [["member7"]])
        #expect(try await person("N1", test).emails?.map(\.value) == ["rogue.collects+1@example.net"])
        let rollback = try await test.warden.rollback.run(account: "rogue", from: start, to: end, reason: "seed 004", actor: dpo)
        #expect(rollback.count(.restored) == Self.members - 1)
        for i in [1, 2, 150, 300] {
            #expect(try await person("N\(i)", test).emails?.map(\.value) == ["member\(i)@example.org"])
        }
        #expect(try await person("N7", test).emails?.map(\.value) == ["seven.genuine@example.org"])
        let history = try await test.warden.investigations.history(of: try #require(people[1]), proofs: false, actor: dpo)
        #expect(history.changes.map(\.actor) == ["operator:\(ProcessInfo.processInfo.environment["USER"] ?? "unknown")", "rogue", "dpo"])

        // Notices went to the old and the new address of each change, by real SMTP; after the
        // rollback, only the restored addresses hear, that their details were put back, with
        // no link: the planted addresses are told nothing.
        let afterRollback = try await test.warden.notices.deliverDueMail()
        #expect(afterRollback.sent == Self.members - 1)
        #expect(afterRollback.summary == "\(Self.members - 1) sent; nothing left")
        let received = try sink.receivedMessages()
        let recipients = received.flatMap(\.rcptTos)
        #expect(recipients.filter { $0 == "member1@example.org" }.count == 2)
        #expect(recipients.filter { $0 == "rogue.collects+1@example.net" }.count == 1)
        #expect(!recipients.contains("seven.genuine@example.org"))
        let restoredNotices = Array(received.dropFirst(sentBeforeRollback))
        #expect(Set(restoredNotices.flatMap(\.rcptTos))
            == Set((1...Self.members).filter { $0 != 7 }.map { "member\($0)@example.org" }))
        for notice in restoredNotices {
            let text = notice.parsedSubject + "\n" + (notice.parsedBody ?? "")
            #expect(!notice.rcptTos.contains { $0.contains("rogue.collects") })
            #expect(!text.contains("/notices/"), "a restored notice carries no dispute link")
            #expect(!text.contains("rogue.collects"), "nor the planted value")
            #expect(notice.parsedSubject == "Your email address on our membership records was restored")
            #expect(text.contains("restored to this one"))
        }
        let body = try #require(received.first { $0.rcptTos == ["member1@example.org"] }?.parsedBody)
        #expect(!body.contains("rogue.collects"))  // notices say what changed, never the values
        // "This wasn't me" raises an alert for the DPO.
        let token = try #require(body.components(separatedBy: "/notices/").last?.prefix { !$0.isWhitespace })
        try await test.warden.notices.dispute(token: String(token))
        #expect(try await test.warden.alerts.list(actor: dpo).contains { $0.kind == .changeDisputed })
        await #expect(throws: WardenError.self) { try await test.warden.notices.dispute(token: "not-a-token") }

        #expect(try await test.warden.log.verify(actor: .localOperator).findings == [])
    }
}

extension ContactChangeOutcome {
    var notices: Int {
        if case .changed(_, _, let notices) = self { return notices }
        return 0
    }
}
