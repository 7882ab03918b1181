import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Seed 004 replayed against a ballot: during the Croydon East selection, members' emails
/// were changed and e-votes cast in their names without their knowing. Here an organiser
/// changes 50 voters' emails after the freeze, and credentials are issued again in 20
/// voters' names for someone else to use. Every change is held and asked about at the
/// address the voter had at the freeze, listed for the agents, and alerted at once; every
/// attempt to vote with a credential issued again is refused and told to the real voter, and
/// the returning officer voids them.
@Suite("Seed 004 replay: a ballot")
struct CroydonBallotReplayTests {
    @Test func changedDetailsAreHeldAndVotesInOthersNamesAreRefusedNoticedAndVoided() async throws {
        let test = try await TestWarden.make()
        var contest = try await SelectionBallotTests.Contest.make(close: 40 * 3_600, voters: 60, test: test)
        try await test.account("rogue", .organiser, areaCode: "W1")
        let warden = contest.warden
        let rogue = try await test.signIn("rogue").actor
        let frozen = try await warden.ballots.freeze(contest.ballot.id, actor: contest.returningOfficer)
        contest.ballot = try await warden.ballots.ballot(contest.ballot.id)
        #expect(frozen.size == 60)

        // The organiser "tidies" 50 voters' emails. None changes; each is held.
        var people: [Int: PersonID] = [:]
        for i in 1...50 {
            people[i] = try #require(try await warden.people.search(PeopleQuery(text: "M\(i)"), actor: .localOperator, purpose: .membershipAdministration)
                .value.first { $0.membershipNumber == "M\(i)" }?.id)
            let outcome = try await warden.people.changeContacts(
                of: try #require(people[i]), edits: [try ContactEdit(kind: .email, text: "rogue.collects+\(i)@example.net")],
                reason: "tidying the contest mailing list", actor: rogue, purpose: .campaignPlanning)
            guard case .held(_, let ballot) = outcome else { Issue.record("change \(i) was not held: \(outcome)"); return }
            #expect(ballot == contest.ballot.id)
        }
        #expect(try test.sqlValues("SELECT COUNT(*) FROM contact_point WHERE value LIKE 'rogue.collects%'") == ["0"])
        #expect(try test.sqlValues("SELECT COUNT(*) FROM outbox WHERE recipient LIKE 'rogue.collects%'") == ["0"])
        // Each voter is asked at the address they had at the freeze.
        #expect(try test.sqlValues("SELECT COUNT(DISTINCT recipient) FROM outbox WHERE subject LIKE 'Confirm a change to your contact details%' AND recipient LIKE 'voter%@example.org'") == ["50"])
        // Listed for the agents, by reference, not name; and alerted at once.
        let held = try await warden.ballots.heldChanges(contest.ballot.id, actor: contest.agent)
        #expect(held.count == 50)
        #expect(held.allSatisfy { $0.state == .awaitingConfirmation && $0.kinds == [.email] && $0.requestedBy == "rogue" })
        let alerts = try await warden.alerts.list(actor: .localOperator)
        #expect(alerts.contains { $0.kind == .contactChanges && $0.detail.contains("ballot \(contest.ballot.id)'s frozen electorate") })

        // Credentials issued again in 20 voters' names, handed to the attacker in person.
        for i in 1...20 {
            _ = try await warden.ballots.issueCredential(contest.ballot.id, to: .membershipNumber("M\(i)"), channel: .online, actor: contest.returningOfficer)
        }
        var stolen: [String] = []
        for i in 1...20 {
            let again = try await warden.ballots.issueCredential(contest.ballot.id, to: .membershipNumber("M\(i)"), channel: .inPerson,
                                                                 actor: contest.returningOfficer)
            #expect(again.replaced)
            stolen.append(try #require(again.credential))
        }
        for credential in stolen {
            await #expect(throws: WardenError.self) { _ = try await warden.ballots.cast(contest.ballot.id, credential: credential, ranking: [1], at: contest.during) }
        }
        #expect(try test.sqlValues("SELECT COUNT(*) FROM ballot_box") == ["0"])
        // The real voters hear of each attempt at their own addresses; the DPO is alerted.
        #expect(try test.sqlValues("SELECT COUNT(DISTINCT recipient) FROM outbox WHERE subject LIKE 'Someone tried to vote in your name%' AND recipient LIKE 'voter%@example.org'") == ["20"])
        #expect(try await warden.alerts.list(actor: .localOperator).filter { $0.kind == .ballot }.count == 20)
        // They say it was not them: the returning officer voids each, and each voter is told.
        for i in 1...20 {
            try await warden.ballots.voidCredential(contest.ballot.id, of: .membershipNumber("M\(i)"), reason: "voter did not ask for it",
                                                    actor: contest.returningOfficer)
        }
        #expect(try test.sqlValues("SELECT COUNT(*) FROM ballot_credential WHERE voided_at IS NULL AND person_id IN (SELECT person_id FROM member WHERE membership_number IN ('M1','M2'))") == ["0"])
        #expect(try test.sqlValues("SELECT COUNT(DISTINCT recipient) FROM outbox WHERE subject LIKE 'Your ballot credential was voided%'") == ["20"])
        for credential in stolen {
            await #expect(throws: WardenError.forbidden("this credential was voided; the voter has been told of this attempt")) {
                _ = try await warden.ballots.cast(contest.ballot.id, credential: credential, ranking: [1], at: contest.during)
            }
        }

        // Voter 1 refuses the held change through their link; voter 2 really did ask, and confirms.
        let links = try test.sqlValues("SELECT body FROM outbox WHERE subject LIKE 'Confirm a change%' AND recipient IN ('voter1@example.org','voter2@example.org') ORDER BY recipient")
            .filter { $0.contains("/contact-holds/") }
            .map { String($0.split(separator: "/").last ?? "") }
        #expect(links.count == 2)
        #expect(try await warden.ballots.answerHeldChange(token: links[0], confirm: false) == .refused)
        #expect(try await warden.ballots.answerHeldChange(token: links[1], confirm: true) == .coolingOff)
        #expect(try await warden.ballots.answerHeldChange(token: links[0], confirm: true) == .refused)
        #expect(try await warden.alerts.list(actor: .localOperator).contains { $0.kind == .changeDisputed && $0.actor == "rogue" })
        // Before the cooling-off ends nothing is made; after it, the confirmed change alone.
        #expect(try await warden.ballots.releaseHeldChanges(at: .now) == (0, 0))
        let released = try await warden.ballots.releaseHeldChanges(at: Timestamp.now.adding(seconds: 25 * 3_600))
        #expect(released.applied == 1 && released.lapsed == 0)
        #expect(try test.sqlValues("SELECT value FROM contact_point WHERE value LIKE 'rogue.collects%'") == ["rogue.collects+2@example.net"])
        let after = try await warden.ballots.heldChanges(contest.ballot.id, actor: contest.returningOfficer)
        #expect(after.filter { $0.state == .applied }.count == 1)
        #expect(after.filter { $0.state == .refused }.count == 1)
        #expect(after.filter { $0.state == .awaitingConfirmation }.count == 48)
        // At the close, the changes nobody confirmed lapse.
        #expect(try await warden.ballots.releaseHeldChanges(at: contest.ballot.closesAt).lapsed == 48)
    }
}
