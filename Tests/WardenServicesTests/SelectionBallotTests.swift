import AgeEncryption
import Foundation
import Testing
import TransparencyLog
import WardenCore
import WardenServices
import WardenTestSupport

/// A members' ballot from set-up to the published count, through the services.
@Suite("Selection ballots")
struct SelectionBallotTests {
    /// A ward of twelve members (or `voters`: M1…M12, joined 2020) with one who joined too late (L1), one
    /// lapsed (X1) and one in the other ward (S1); trustees and an agent with accounts.
    struct Contest {
        let test: TestWarden
        let identities: [X25519Identity]
        var ballot: Ballot
        let returningOfficer: Actor
        let scrutineers: [Actor]
        let agent: Actor
        let secretary: Actor

        var warden: Warden { test.warden }

        static func make(candidates: [String] = ["Ada", "Ben", "Cal"], seats: Int = 1, open: Int64 = 3_600, close: Int64 = 7_200,
                         channels: Set<BallotChannel> = [.online, .inPerson], voters: Int = 12, test given: TestWarden? = nil) async throws -> Contest {
            let test = if let given { given } else { try await TestWarden.make() }
            try await test.loadAreas()
            var lines = ["Membership Number,First Name,Surname,Email,Address 1,Postcode,Status,Joined,Branch"]
            for i in 1...voters { lines.append("M\(i),Voter,Number\(i),voter\(i)@example.org,\(i) Ballot Road,TN1 1AA,Active,2020-01-01,W1") }
            lines.append("L1,Late,Joiner,late@example.org,1 Late Road,TN1 1AA,Active,2026-06-01,W1")
            lines.append("X1,Lapsed,Member,lapsed@example.org,1 Lapsed Road,TN1 1AA,Lapsed,2020-01-01,W1")
            lines.append("S1,South,Member,south@example.org,1 South Road,TN2 2BB,Active,2020-01-01,W2")
            _ = try await test.warden.imports.importMembers(path: try test.write("members.csv", lines.joined(separator: "\n")), actor: .localOperator)
            try await test.account("secretary", .membershipSecretary, areaCode: "C")
            for name in ["returning", "scrutineer1", "scrutineer2", "agent"] { try await test.account(name, .canvasser, areaCode: "W1") }
            let identities = (0..<3).map { _ in X25519Identity() }
            let secretary = try await test.signIn("secretary").actor
            let now = Timestamp.now
            var ballot = try await test.warden.ballots.create(BallotDraft(
                title: "North Ward selection", areaCode: "W1", candidates: candidates, seats: seats,
                joinedOnOrBefore: CalendarDate(year: 2026, month: 1, day: 1)!, channels: channels,
                freezeAt: now, opensAt: now.adding(seconds: open), closesAt: now.adding(seconds: close),
                trustees: ["returning", "scrutineer1", "scrutineer2"], agents: ["agent"], coolingOffHours: 24), actor: secretary)
            let trustees = [try await test.signIn("returning").actor, try await test.signIn("scrutineer1").actor,
                            try await test.signIn("scrutineer2").actor]
            for (trustee, identity) in zip(trustees, identities) {
                try await test.warden.ballots.setTrusteeKey(ballot.id, username: trustee.label, recipient: identity.recipient.description, actor: trustee)
            }
            ballot = try await test.warden.ballots.ballot(ballot.id)
            return Contest(test: test, identities: identities, ballot: ballot, returningOfficer: trustees[0], scrutineers: Array(trustees[1...]),
                           agent: try await test.signIn("agent").actor, secretary: secretary)
        }

        /// The credential emailed to `email` last.
        func emailedCredential(_ email: String) throws -> String {
            // The bodies come back a line at a time, the newest first.
            let lines = try test.sqlValues("SELECT body FROM outbox WHERE recipient = '\(email)' AND wipe_after_send = 1 ORDER BY id DESC")
            let line = try #require(lines.first { $0.hasPrefix("    ") && $0.count == 28 })
            return line.trimmingCharacters(in: .whitespaces)
        }

        /// Trustee `seat`'s share, fetched sealed and opened with their own age key, as `age -d` would.
        func openedShare(_ seat: Int) async throws -> String {
            let actor = seat == 0 ? returningOfficer : scrutineers[seat - 1]
            let sealed = try await warden.ballots.sealedShare(ballot.id, actor: actor)
            return String(decoding: try Age.decrypt(sealed, identities: [identities[seat]]), as: UTF8.self)
        }

        /// A minute into the ballot, and a minute after its close: the steps take their instant,
        /// so a test walks the ballot's timeline without waiting for it.
        var during: Timestamp { ballot.opensAt.adding(seconds: 60) }
        var after: Timestamp { ballot.closesAt.adding(seconds: 60) }
    }

    @Test func aBallotRunsFromTheFreezeToACountAnyoneCanRecheck() async throws {
        var contest = try await Contest.make()
        let warden = contest.warden
        let frozen = try await warden.ballots.freeze(contest.ballot.id, actor: contest.returningOfficer)
        contest.ballot = try await warden.ballots.ballot(contest.ballot.id)
        // Twelve: not the late joiner, the lapsed member or the other ward.
        #expect(frozen.size == 12)
        #expect(frozen.recentlyChanged == 0)
        let logged = try contest.test.sqlValues("SELECT detail FROM audit_event WHERE action = 'ballot'")
        #expect(logged.contains { $0.contains("electorate frozen, 12 voters, root \(frozen.root)") && $0.contains(frozen.lotCommitment) })

        // Each member can check their own place against the logged root; one not on it cannot.
        try await contest.test.account("voter3", .member, membershipNumber: "M3")
        try await contest.test.account("late", .member, membershipNumber: "L1")
        let mine = try #require(try await warden.ballots.ownInclusion(contest.ballot.id, actor: try await contest.test.signIn("voter3").actor))
        #expect(mine.size == 12)
        #expect(mine.verifies(root: frozen.root))
        #expect(!mine.verifies(root: Hex.encode(Array(repeating: 0, count: 32))))
        #expect(try await warden.ballots.ownInclusion(contest.ballot.id, actor: try await contest.test.signIn("late").actor) == nil)

        // One credential each, by email to the address held at the freeze; the credential is kept only as a hash.
        for i in 1...12 {
            let issued = try await warden.ballots.issueCredential(contest.ballot.id, to: .membershipNumber("M\(i)"), channel: .online,
                                                                  actor: contest.returningOfficer)
            #expect(issued.credential == nil)
            #expect(!issued.replaced)
            #expect(issued.noticesEmailed == 1)
        }
        let credentials = try (1...12).map { try contest.emailedCredential("voter\($0)@example.org") }
        #expect(Set(credentials).count == 12)
        let hex = switch contest.warden.configuration.testEngine {
        case .sqlite: "lower(hex(hash))"
        case .postgres: "encode(hash, 'hex')"
        }
        #expect(Set(try contest.test.sqlValues("SELECT \(hex) FROM ballot_credential")) == Set(credentials.map { Hex.encode(BallotCredential.hash($0)) }))
        await #expect(throws: WardenError.notFound("no such voter on ballot \(contest.ballot.id)'s electorate")) {
            _ = try await warden.ballots.issueCredential(contest.ballot.id, to: .membershipNumber("L1"), channel: .online, actor: contest.returningOfficer)
        }

        // Not open yet: nothing is cast.
        await #expect(throws: WardenError.self) { _ = try await warden.ballots.cast(contest.ballot.id, credential: credentials[0], ranking: [1]) }
        // Ada 5 firsts, Ben 4, Cal 3; Cal's voters prefer Ben: Ben wins on transfers.
        let rankings: [[Int]] = [[1], [1, 2], [1], [1, 3], [1], [2], [2, 1], [2], [2], [3, 2], [3, 2], [3, 2]]
        var trackers: [String] = []
        for (credential, ranking) in zip(credentials, rankings) {
            trackers.append(try await warden.ballots.cast(contest.ballot.id, credential: credential, ranking: ranking, at: contest.during))
        }
        #expect(Set(trackers).count == 12)
        await #expect(throws: WardenError.conflict("this credential has already been used to vote")) {
            _ = try await warden.ballots.cast(contest.ballot.id, credential: credentials[0], ranking: [2], at: contest.during)
        }
        await #expect(throws: WardenError.forbidden("this credential is not one ballot \(contest.ballot.id) issued")) {
            _ = try await warden.ballots.cast(contest.ballot.id, credential: "AAAA-BBBB-CCCC-DDDD-EEEE", ranking: [2], at: contest.during)
        }
        // Each tracker is on the bulletin board: a log entry naming no one.
        let entry = try await warden.ballots.boardEntry(contest.ballot.id, tracker: trackers[4])
        #expect(entry.leaf != nil)

        // The marked register: references, channels and who voted; no names, no choices.
        let register = try await warden.ballots.markedRegister(contest.ballot.id, actor: contest.agent)
        #expect(register.count == 12)
        #expect(register.allSatisfy { $0.voted && $0.issued == .online && $0.issues == 1 })
        #expect(register.contains { $0.reference == mine.reference })

        // After the close: one trustee's share alone opens nothing; a second does.
        await #expect(throws: WardenError.self) {
            _ = try await warden.ballots.returnShare(contest.ballot.id, share: try await contest.openedShare(0), actor: contest.returningOfficer)
        }
        #expect(try await warden.ballots.returnShare(contest.ballot.id, share: try await contest.openedShare(0), actor: contest.returningOfficer,
                                                     at: contest.after) == 1)
        await #expect(throws: WardenError.conflict("two trustees must hand back their shares first: 1 of 3 so far")) {
            _ = try await warden.ballots.count(contest.ballot.id, actor: contest.returningOfficer, at: contest.after)
        }
        // A share is its holder's: a scrutineer cannot hand back the returning officer's.
        await #expect(throws: WardenError.invalidRequest("share: not the share sealed to you")) {
            _ = try await warden.ballots.returnShare(contest.ballot.id, share: try await contest.openedShare(0), actor: contest.scrutineers[1],
                                                     at: contest.after)
        }
        #expect(try await warden.ballots.returnShare(contest.ballot.id, share: try await contest.openedShare(2), actor: contest.scrutineers[1],
                                                     at: contest.after) == 2)
        let result = try await warden.ballots.count(contest.ballot.id, actor: contest.scrutineers[1], at: contest.after)

        #expect(result.transcript.elected == [2])
        #expect(result.tallies)
        #expect(result.credentialsSpent == 12 && result.ballotsStored == 12 && result.trackersOnBoard == 12)
        #expect(result.openedBy == ["returning", "scrutineer2"])
        #expect(BallotCount.commitment(to: try #require(Hex.decode(result.lotSeed))) == frozen.lotCommitment)
        // Every voter finds their ballot, as cast, by their tracker.
        for (tracker, ranking) in zip(trackers, rankings) {
            #expect(result.ballots.first { $0.tracker == tracker }?.ranking == ranking)
        }
        #expect(result.ballots.map(\.tracker) == result.ballots.map(\.tracker).sorted())
        // Anyone recounts the published BLT and gets the same transcript.
        var lot = SeededGenerator(seed: 1)
        let recount = ScottishSTV.count(try BLT.parse(result.blt, file: "published.blt"), lot: &lot)
        #expect(recount.elected == result.transcript.elected)
        #expect(recount.stages.map(\.votes) == result.transcript.stages.map(\.votes))
        // Counted once; the shares handed back are forgotten.
        await #expect(throws: WardenError.self) { _ = try await warden.ballots.count(contest.ballot.id, actor: contest.returningOfficer, at: contest.after) }
        #expect(try contest.test.sqlValues("SELECT COUNT(*) FROM ballot_share WHERE returned IS NOT NULL") == ["0"])
        #expect(try await warden.ballots.result(contest.ballot.id) == result)
    }

    /// Seed 004's attack on a ballot: a credential issued again (by someone who is not the
    /// voter) waits out the cooling-off; using it before then is refused, and the voter hears
    /// of it at the address they had at the freeze, whatever it is now.
    @Test func aCredentialIssuedAgainIsHeldNoticedAndVoidable() async throws {
        var contest = try await Contest.make()
        let warden = contest.warden
        _ = try await warden.ballots.freeze(contest.ballot.id, actor: contest.returningOfficer)
        contest.ballot = try await warden.ballots.ballot(contest.ballot.id)
        _ = try await warden.ballots.issueCredential(contest.ballot.id, to: .membershipNumber("M1"), channel: .online, actor: contest.returningOfficer)
        let first = try contest.emailedCredential("voter1@example.org")
        let again = try await warden.ballots.issueCredential(contest.ballot.id, to: .membershipNumber("M1"), channel: .inPerson,
                                                             actor: contest.returningOfficer)
        #expect(again.replaced)
        #expect(again.usableFrom > Timestamp.now.adding(seconds: 23 * 3_600))
        let second = try #require(again.credential)
        #expect(try contest.test.sqlValues("SELECT COUNT(*) FROM outbox WHERE recipient = 'voter1@example.org' AND subject LIKE 'A ballot was issued in your name%'") == ["1"])
        await #expect(throws: WardenError.forbidden("this credential was voided; the voter has been told of this attempt")) {
            _ = try await warden.ballots.cast(contest.ballot.id, credential: first, ranking: [1], at: contest.during)
        }
        await #expect(throws: WardenError.self) { _ = try await warden.ballots.cast(contest.ballot.id, credential: second, ranking: [1], at: contest.during) }
        #expect(try contest.test.sqlValues("SELECT COUNT(*) FROM outbox WHERE recipient = 'voter1@example.org' AND subject LIKE 'Someone tried to vote in your name%'") == ["2"])
        #expect(try await warden.alerts.list(actor: .localOperator).filter { $0.kind == .ballot }.count == 2)
        // The voter says it was not them: the returning officer voids it, and they are told.
        try await warden.ballots.voidCredential(contest.ballot.id, of: .membershipNumber("M1"), reason: "voter did not ask for it", actor: contest.returningOfficer)
        #expect(try contest.test.sqlValues("SELECT COUNT(*) FROM outbox WHERE recipient = 'voter1@example.org' AND subject LIKE 'Your ballot credential was voided%'") == ["1"])
        let register = try await warden.ballots.markedRegister(contest.ballot.id, actor: contest.returningOfficer)
        #expect(register.filter { $0.issues == 2 }.count == 1)
        #expect(register.allSatisfy { !$0.voted })
        #expect(try contest.test.sqlValues("SELECT COUNT(*) FROM ballot_box") == ["0"])
        // Emailed again, it goes only where it went before: usable at once.
        _ = try await warden.ballots.issueCredential(contest.ballot.id, to: .membershipNumber("M2"), channel: .online, actor: contest.returningOfficer)
        let resent = try await warden.ballots.issueCredential(contest.ballot.id, to: .membershipNumber("M2"), channel: .online, actor: contest.returningOfficer)
        #expect(resent.replaced && resent.usableFrom <= Timestamp.now)
        _ = try await warden.ballots.cast(contest.ballot.id, credential: try contest.emailedCredential("voter2@example.org"), ranking: [2], at: contest.during)
    }

    @Test func eachStepIsTheRightPersonsAndEveryRefusalIsRecorded() async throws {
        let contest = try await Contest.make()
        let warden = contest.warden
        let id = contest.ballot.id
        // The secretary who set it up does not run it.
        await #expect(throws: WardenError.forbidden("only ballot \(id)'s returning officer does this")) {
            _ = try await warden.ballots.freeze(id, actor: contest.secretary)
        }
        await #expect(throws: WardenError.forbidden("only the ballot's returning officer, scrutineers and agents see the marked register")) {
            _ = try await warden.ballots.markedRegister(id, actor: contest.secretary)
        }
        _ = try await warden.ballots.freeze(id, actor: contest.returningOfficer)
        await #expect(throws: WardenError.conflict("ballot \(id) is frozen: only a ballot not yet frozen or open can be frozen")) {
            _ = try await warden.ballots.freeze(id, actor: contest.returningOfficer)
        }
        await #expect(throws: WardenError.forbidden("only ballot \(id)'s returning officer does this")) {
            _ = try await warden.ballots.issueCredential(id, to: .membershipNumber("M2"), channel: .inPerson, actor: contest.scrutineers[0])
        }
        #expect(try contest.test.sqlValues("SELECT COUNT(*) FROM audit_event WHERE action = 'ballot' AND outcome = 'refused'") == ["3"])
        // A member asks for their own credential: online only, to the email held at the freeze.
        try await contest.test.account("voter2", .member, membershipNumber: "M2")
        let voter2 = try await contest.test.signIn("voter2").actor
        let own = try await warden.ballots.issueCredential(id, to: .person(try #require(voter2.personID)), channel: .online, actor: voter2)
        #expect(own.credential == nil)
        await #expect(throws: WardenError.forbidden("only ballot \(id)'s returning officer does this")) {
            _ = try await warden.ballots.issueCredential(id, to: .person(try #require(voter2.personID)), channel: .inPerson, actor: voter2)
        }
        // Setting up: a membership secretary over the area, and never as one of its trustees.
        await #expect(throws: WardenError.forbidden("setting up a ballot needs a membership secretary grant over its area")) {
            _ = try await warden.ballots.create(draft(), actor: contest.returningOfficer)
        }
        await #expect(throws: WardenError.invalidRequest("trustees: whoever sets up a ballot cannot hold its key")) {
            var mine = draft()
            mine.trustees = ["secretary", "scrutineer1", "scrutineer2"]
            _ = try await warden.ballots.create(mine, actor: contest.secretary)
        }
        await #expect(throws: WardenError.invalidRequest("candidates: 1 for 1 seats is no contest")) {
            var one = draft()
            one.candidates = ["Ada"]
            _ = try await warden.ballots.create(one, actor: contest.secretary)
        }
    }

    /// Secrecy from the database alone: no table but the box holds a ranking or a tracker,
    /// the box holds no voter and no time, a spent credential no time either, the board's
    /// entries name no one, and the box's rows come back in no order but the trackers'.
    @Test func aBallotCannotBeLinkedToItsVoterFromTheDatabase() async throws {
        var contest = try await Contest.make()
        let warden = contest.warden
        let test = contest.test
        _ = try await warden.ballots.freeze(contest.ballot.id, actor: contest.returningOfficer)
        contest.ballot = try await warden.ballots.ballot(contest.ballot.id)
        for i in 1...12 {
            _ = try await warden.ballots.issueCredential(contest.ballot.id, to: .membershipNumber("M\(i)"), channel: .online, actor: contest.returningOfficer)
        }
        var trackers: [String] = []
        for i in 1...12 {
            trackers.append(try await warden.ballots.cast(contest.ballot.id, credential: try contest.emailedCredential("voter\(i)@example.org"),
                                                          ranking: [i % 3 + 1], at: contest.during.adding(seconds: Int64(i))))
        }

        // The schema: what the box and a credential can hold.
        let columns: (String) throws -> [String] = { table in
            switch warden.configuration.testEngine {
            case .sqlite: try test.sqlValues("SELECT name FROM pragma_table_info('\(table)') ORDER BY cid")
            case .postgres: try test.sqlValues("SELECT column_name FROM information_schema.columns WHERE table_name = '\(table)' ORDER BY ordinal_position")
            }
        }
        #expect(try columns("ballot_box") == ["ballot_id", "tracker", "sealed"])
        #expect(try columns("ballot_credential") == ["id", "ballot_id", "person_id", "hash", "channel", "issued_at", "issued_by", "usable_from", "voided_at", "spent"])
        let tables = switch warden.configuration.testEngine {
        case .sqlite: try test.sqlValues("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        case .postgres: try test.sqlValues("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")
        }
        for table in tables where table != "ballot_box" {
            #expect(try !columns(table).contains("tracker"), "\(table) could hold a ballot's tracker")
        }

        // Everything joined: each tracker is found in the box and on the board, and nowhere else;
        // its board entry names no account and no person.
        var found: [String: Set<String>] = [:]
        for table in tables {
            let rows = try test.sqlValues("SELECT * FROM \(table)")
            for tracker in trackers where rows.contains(where: { $0.contains(tracker) }) { found[tracker, default: []].insert(table) }
        }
        #expect(found.values.allSatisfy { $0 == ["ballot_box", "audit_event"] })
        #expect(try test.sqlValues("SELECT COUNT(*) FROM audit_event WHERE action = 'ballot_cast' AND (account_id IS NOT NULL OR people_count > 0)") == ["0"])
        #expect(try test.sqlValues("SELECT COUNT(*) FROM audit_person WHERE event_id IN (SELECT id FROM audit_event WHERE action = 'ballot_cast')") == ["0"])
        // No order to line up with the credentials, once the box is mixed: it reads back by
        // tracker, not as cast, and on PostgreSQL every row, box and spent credential, was
        // written by the one transaction that mixed them.
        #expect(try await warden.ballots.mixBallotBoxes() == 1)
        #expect(try await warden.ballots.mixBallotBoxes() == 0)
        #expect(try test.sqlValues("SELECT tracker FROM ballot_box") == trackers.sorted())
        #expect(trackers.sorted() != trackers)
        if case .postgres = warden.configuration.testEngine {
            #expect(try test.sqlValues("""
                SELECT COUNT(DISTINCT x) FROM (SELECT xmin::text AS x FROM ballot_box UNION ALL SELECT xmin::text FROM ballot_credential WHERE spent = 1) AS written
                """) == ["1"])
            #expect(try test.sqlValues("SELECT id FROM ballot_credential WHERE spent = 1") == (1...12).map(String.init))
        }
    }

    /// The trustees' steps are theirs alone: no one records another trustee's key (the
    /// returning officer who did would hold two shares), no two trustees share a key, and only
    /// trustees hand back shares or count; only the returning officer answers a held change,
    /// and only trustees and agents list them. Every refusal is recorded.
    @Test func theTrusteesStepsAreTheirsAlone() async throws {
        let contest = try await Contest.make()
        let warden = contest.warden
        let id = contest.ballot.id
        await #expect(throws: WardenError.forbidden("a trustee's key is theirs alone to give")) {
            try await warden.ballots.setTrusteeKey(id, username: "scrutineer1", recipient: contest.identities[0].recipient.description,
                                                   actor: contest.returningOfficer)
        }
        await #expect(throws: WardenError.conflict("recipient: another trustee's key; each share must be sealed to its own trustee")) {
            try await warden.ballots.setTrusteeKey(id, username: "scrutineer2", recipient: contest.identities[1].recipient.description,
                                                   actor: contest.scrutineers[1])
        }
        #expect(try await warden.ballots.ballot(id).trustees.map(\.recipient) == contest.identities.map(\.recipient.description))
        _ = try await warden.ballots.freeze(id, actor: contest.returningOfficer)
        await #expect(throws: WardenError.forbidden("only the ballot's returning officer, scrutineers and agents see its held changes")) {
            _ = try await warden.ballots.heldChanges(id, actor: contest.secretary)
        }
        #expect(try await warden.ballots.heldChanges(id, actor: contest.agent).isEmpty)
        await #expect(throws: WardenError.forbidden("only ballot \(id)'s returning officer answers for a voter")) {
            _ = try await warden.ballots.answerHeldChange(1, on: id, confirm: true, actor: contest.scrutineers[0])
        }
        await #expect(throws: WardenError.forbidden("only ballot \(id)'s trustees hold its key")) {
            _ = try await warden.ballots.returnShare(id, share: try await contest.openedShare(0), actor: contest.agent, at: contest.after)
        }
        await #expect(throws: WardenError.forbidden("only ballot \(id)'s trustees count it")) {
            _ = try await warden.ballots.count(id, actor: contest.agent, at: contest.after)
        }
        #expect(try contest.test.sqlValues("SELECT COUNT(*) FROM audit_event WHERE action = 'ballot' AND outcome = 'refused'") == ["5"])
    }

    func draft() -> BallotDraft {
        let now = Timestamp.now
        return BallotDraft(title: "Another", areaCode: "W1", candidates: ["Ada", "Ben"], joinedOnOrBefore: CalendarDate(year: 2026, month: 1, day: 1)!,
                           freezeAt: now, opensAt: now.adding(seconds: 60), closesAt: now.adding(seconds: 120), trustees: ["returning", "scrutineer1", "scrutineer2"])
    }
}
