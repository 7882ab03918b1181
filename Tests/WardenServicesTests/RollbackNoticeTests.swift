import Foundation
import Testing
import WardenCore
import WardenMail
import WardenServices
import WardenTestSupport

/// Who hears of a rollback: the restored contact points, told their details were put back;
/// never the addresses the intruder planted, not even the change notices (with their "this
/// wasn't me" links) still waiting in the outbox when the rollback runs. Real SMTP (aiosmtpd).
@Suite("Rollback notices")
struct RollbackNoticeTests {
    static let members = 3

    @Test func nothingGoesToPlantedAddressesOnceTheChangeIsRolledBack() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let test = try await TestWarden.make(mailRelay: SMTPRelay(host: "127.0.0.1", port: sink.port, sender: "warden@example.org"))
        try await test.loadAreas()
        var lines = ["Membership Number,First Name,Surname,Email,Address 1,Postcode,Status,Joined,Branch"]
        for i in 1...Self.members { lines.append("N\(i),Member,Number\(i),member\(i)@example.org,\(i) Road,TN9 9ZZ,Active,2020-01-01,W1") }
        _ = try await test.warden.imports.importMembers(path: try test.write("members.csv", lines.joined(separator: "\n")), actor: .localOperator)
        try await test.account("rogue", .organiser, areaCode: "W1")
        try await test.account("dpo", .dataProtectionOfficer, areaCode: "C")
        let rogue = try await test.signIn("rogue").actor
        let dpo = try await test.signIn("dpo").actor
        try await Task.sleep(for: .milliseconds(1_100))
        let start = Timestamp.now

        for i in 1...Self.members {
            let found = try await test.warden.people.search(PeopleQuery(text: "N\(i)"), actor: .localOperator, purpose: .membershipAdministration).value
            let id = try #require(found.first { $0.membershipNumber == "N\(i)" }?.id)
            _ = try await test.warden.people.changeContacts(
                of: id, edits: [try ContactEdit(kind: .email, text: "planted\(i)@example.net")], reason: "tidying",
                actor: rogue, purpose: .campaignPlanning)
        }
        // No delivery yet: the notices to the planted addresses are still queued.
        let end = Timestamp(secondsSince1970: Timestamp.now.secondsSince1970 + 1)
        let rollback = try await test.warden.rollback.run(account: "rogue", from: start, to: end, reason: "intrusion", actor: dpo)
        #expect(rollback.count(.restored) == Self.members)

        let report = try await test.warden.notices.deliverDueMail()
        let received = try sink.receivedMessages()
        #expect(!received.flatMap(\.rcptTos).contains { $0.hasPrefix("planted") })
        #expect(report.sent == 2 * Self.members)  // to each original address: the change, then the restoration
        #expect(report.left == 0)
        for i in 1...Self.members {
            let mine = received.filter { $0.rcptTos == ["member\(i)@example.org"] }
            #expect(mine.map(\.parsedSubject) == [
                "Your email address on our membership records was changed",
                "Your email address on our membership records was restored",
            ])
            // The original owner keeps their "this wasn't me" link for the change itself.
            #expect(mine.first?.parsedBody?.contains("/notices/") == true)
            #expect(mine.last?.parsedBody?.contains("/notices/") == false)
        }
    }
}
