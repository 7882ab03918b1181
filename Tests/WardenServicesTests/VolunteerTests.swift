import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Volunteers: a public sign-up becomes a volunteer only once its emailed link is followed;
/// an address already known is matched without saying so; links expire; a flood from one
/// client is refused; organisers manage only their own areas' volunteers, and every refusal
/// is in the log.
@Suite("Volunteers")
struct VolunteerTests {
    static func signUp(_ email: String = "vic@example.org", forenames: String = "Vic", area: String = "W1",
                       skills: Set<VolunteerSkill> = [.canvassing, .leafleting], consent: Bool = true) -> VolunteerSignUp {
        VolunteerSignUp(forenames: forenames, surname: "Stone", email: email, areaCode: area, skills: skills,
                        availability: "Saturday mornings", emailConsent: consent)
    }

    /// The token in the newest confirmation email to `address`.
    static func token(to address: String, _ test: TestWarden) throws -> String {
        // The engines' command-line clients give the body's lines as values of their own.
        let lines = try test.sqlValues("SELECT body FROM outbox WHERE recipient = '\(address)' ORDER BY id DESC LIMIT 1")
        let link = try #require(lines.first { $0.contains("/volunteer/confirm/") })
        return String(try #require(link.split(separator: "/").last))
    }

    static func make() async throws -> TestWarden {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadMembers()
        try await test.account("organiser", .organiser, areaCode: "W1")
        try await test.account("southorg", .organiser, areaCode: "W2")
        return test
    }

    @Test func aConfirmedSignUpBecomesANewVolunteer() async throws {
        let test = try await Self.make()
        let warden = test.warden
        try await warden.volunteers.signUp(Self.signUp(), client: "192.0.2.1")
        #expect(try test.sqlValues("SELECT COUNT(*) FROM volunteer") == ["0"], "nobody is a volunteer before the link is followed")
        #expect(try test.sqlValues("SELECT subject FROM outbox WHERE recipient = 'vic@example.org'") == ["Confirm you would like to volunteer"])

        let confirmation = try await warden.volunteers.confirm(token: try Self.token(to: "vic@example.org", test))
        guard case .created(let person) = confirmation else { Issue.record("expected a new person"); return }
        let organiser = try await test.signIn("organiser").actor
        let listed = try await warden.volunteers.list(actor: organiser)
        #expect(listed.map(\.name) == ["Vic Stone"] && listed.first?.personID == person)
        #expect(listed.first?.status == .new && listed.first?.skills == [.canvassing, .leafleting] && listed.first?.source == "sign-up form")
        #expect(try test.sqlValues("SELECT consent FROM contact_point WHERE person_id = \(person.rawValue)") == ["email"])
        #expect(try test.sqlValues("SELECT COUNT(*) FROM person_version WHERE person_id = \(person.rawValue)") == ["1"])
        #expect(try test.sqlValues("SELECT COUNT(*) FROM volunteer_signup") == ["0"])

        await #expect(throws: WardenError.self, "a link works once") {
            try await warden.volunteers.confirm(token: try Self.token(to: "vic@example.org", test))
        }
    }

    @Test func aKnownAddressIsMatchedWithoutSayingSo() async throws {
        let test = try await Self.make()
        let warden = test.warden
        let ann = try #require(try test.sqlValues("SELECT person_id FROM contact_point WHERE value = 'ann@example.org'").first)
        let people = try test.sqlValues("SELECT COUNT(*) FROM person")
        // The form answers alike: nothing thrown, one email queued, as for a new address.
        try await warden.volunteers.signUp(Self.signUp("ANN@example.org", forenames: "Someone", skills: [.driving]), client: "192.0.2.2")
        let confirmation = try await warden.volunteers.confirm(token: try Self.token(to: "ANN@example.org", test))
        #expect(confirmation == .matched(PersonID(Int64(ann)!)))
        #expect(try test.sqlValues("SELECT COUNT(*) FROM person") == people, "no second person")
        #expect(try test.sqlValues("SELECT forenames FROM person WHERE id = \(ann)") == ["Ann"], "the form does not rename a record")

        // A second sign-up with the same address adds skills to the same volunteer.
        try await warden.volunteers.signUp(Self.signUp("ann@example.org", skills: [.events]), client: "192.0.2.2")
        #expect(try await warden.volunteers.confirm(token: try Self.token(to: "ann@example.org", test)) == .matched(PersonID(Int64(ann)!)))
        #expect(try test.sqlValues("SELECT skills FROM volunteer") == ["driving,events"])
    }

    @Test func anUnfollowedLinkExpires() async throws {
        let test = try await Self.make()
        let warden = test.warden
        let then = Timestamp.now
        try await warden.volunteers.signUp(Self.signUp(), client: "192.0.2.3", at: then)
        let token = try Self.token(to: "vic@example.org", test)
        let later = then.adding(seconds: VolunteerPolicy.confirmationSeconds + 1)
        await #expect(throws: WardenError.self) { try await warden.volunteers.confirm(token: token, at: later) }
        #expect(try await warden.volunteers.expireSignUps(at: later) == 1)
        #expect(try test.sqlValues("SELECT COUNT(*) FROM volunteer_signup") == ["0"])
        #expect(try test.sqlValues("SELECT COUNT(*) FROM audit_event WHERE action = 'refused' OR outcome = 'refused'") != ["0"])
    }

    @Test func aFloodFromOneClientIsRefusedAndAProblemNamesItsField() async throws {
        let test = try await Self.make()
        let warden = test.warden
        for i in 1...VolunteerPolicy.signUpsPerClient {
            try await warden.volunteers.signUp(Self.signUp("v\(i)@example.org"), client: "198.51.100.7")
        }
        await #expect(throws: WardenError.tooManyAttempts) {
            try await warden.volunteers.signUp(Self.signUp("v99@example.org"), client: "198.51.100.7")
        }
        try await warden.volunteers.signUp(Self.signUp("v99@example.org"), client: "198.51.100.8")
        do {
            try await warden.volunteers.signUp(Self.signUp("not-an-address<script>"), client: "198.51.100.9")
            Issue.record("an address that is not one was taken")
        } catch WardenError.invalidRequest(let problem) {
            #expect(problem == "email: not an email address")
        }
        let refusals = try test.sqlValues("SELECT detail FROM audit_event WHERE actor LIKE '%volunteer form%' AND outcome = 'refused' ORDER BY id")
        #expect(refusals.count == 2 && refusals.allSatisfy { !$0.contains("script") && !$0.contains("v99") }, "\(refusals)")
    }

    @Test func organisersManageOnlyTheirAreasVolunteersAndStatusMovesAreChecked() async throws {
        let test = try await Self.make()
        let warden = test.warden
        try await warden.volunteers.signUp(Self.signUp(), client: "192.0.2.4")
        let person = try await warden.volunteers.confirm(token: try Self.token(to: "vic@example.org", test)).personID
        let organiser = try await test.signIn("organiser").actor
        let south = try await test.signIn("southorg").actor

        #expect(try await warden.volunteers.list(actor: south).isEmpty)
        await #expect(throws: WardenError.self) { try await warden.volunteers.list(areaCode: "W1", actor: south) }
        await #expect(throws: WardenError.self) { try await warden.volunteers.change(person, status: .active, actor: south) }
        let refused = try test.sqlValues("SELECT detail FROM audit_event WHERE actor = 'southorg' AND outcome = 'refused' ORDER BY id")
        #expect(refused.count == 2 && refused.last?.contains("volunteer outside the actor's areas") == true, "\(refused)")

        #expect(try await warden.volunteers.change(person, status: .contacted, actor: organiser).status == .contacted)
        #expect(try await warden.volunteers.change(person, status: .active, actor: organiser).status == .active)
        await #expect(throws: WardenError.self, "active cannot go back to new") {
            try await warden.volunteers.change(person, status: .new, actor: organiser)
        }
        #expect(try await warden.volunteers.change(person, status: .lapsed, actor: organiser).status == .lapsed)
        let skilled = try await warden.volunteers.change(person, skills: [.dataEntry], availability: "evenings", actor: organiser)
        #expect(skilled.skills == [.dataEntry] && skilled.availability == "evenings")
        #expect(try await warden.volunteers.list(areaCode: "W1", actor: organiser).map(\.status) == [.lapsed])
    }

    /// Signs up and confirms `email` as a volunteer offering `skills` in W1.
    static func volunteer(_ email: String, _ forenames: String, skills: Set<VolunteerSkill>, client: String, _ test: TestWarden) async throws -> PersonID {
        try await test.warden.volunteers.signUp(Self.signUp(email, forenames: forenames, skills: skills), client: client)
        return try await test.warden.volunteers.confirm(token: try Self.token(to: email, test)).personID
    }

    @Test func aFilteredListIsRecordedNamingOnlyThoseShownAndAVolunteerRuleCountsThem() async throws {
        let test = try await Self.make()
        let warden = test.warden
        _ = try await Self.volunteer("vic@example.org", "Vic", skills: [.canvassing, .leafleting], client: "192.0.2.5", test)
        let wes = try await Self.volunteer("wes@example.org", "Wes", skills: [.driving], client: "192.0.2.5", test)
        let organiser = try await test.signIn("organiser").actor

        let drivers = try await warden.volunteers.list(filter: VolunteerFilter(skill: .driving), actor: organiser)
        #expect(drivers.map(\.personID) == [wes])
        let read = try #require(try test.sqlValues("SELECT id, detail FROM audit_event WHERE actor = 'organiser' AND detail LIKE 'volunteers%' ORDER BY id DESC LIMIT 1").first)
        #expect(read.hasSuffix("volunteers (offering driving): 1 volunteers listed"), "\(read)")
        let event = String(read.split(separator: "|")[0])
        #expect(try test.sqlValues("SELECT person_id FROM audit_person WHERE event_id = \(event)") == [wes.description])
        #expect(try await warden.volunteers.list(filter: VolunteerFilter(status: .active), actor: organiser).isEmpty)

        // The mailing rule: volunteers who help in the area, all or by skill; lapsed ones left out.
        func count(_ audience: Audience) async throws -> Int {
            let mailing = try await warden.mailings.write(MailingDraft(areaCode: "W1", subject: "Saturday", body: "Dear {{first_name}}", mailClass: .campaigning,
                                                                       audience: audience), actor: organiser)
            return try await warden.mailings.preview(mailing.id, actor: organiser).count.people
        }
        #expect(try await count(.volunteers(skill: nil)) == 2)
        #expect(try await count(.volunteers(skill: .driving)) == 1)
        #expect(try await count(.volunteers(skill: .socialMedia)) == 0)
        _ = try await warden.volunteers.change(wes, status: .lapsed, actor: organiser)
        #expect(try await count(.volunteers(skill: .driving)) == 0)
        await #expect(throws: WardenError.self, "volunteers are written to about campaigns only") {
            try await warden.mailings.write(MailingDraft(areaCode: "W1", subject: "AGM", body: "Dear {{first_name}}", mailClass: .service,
                                                         audience: .volunteers(skill: nil)), actor: organiser)
        }
    }

    @Test func anOrganiserAsksForACanvasserAccountAndAnAdministratorOpensIt() async throws {
        let test = try await Self.make()
        let warden = test.warden
        let vic = try await Self.volunteer("vic@example.org", "Vic", skills: [.canvassing], client: "192.0.2.6", test)
        let organiser = try await test.signIn("organiser").actor
        let south = try await test.signIn("southorg").actor
        let admin = try await test.signIn("admin").actor

        await #expect(throws: WardenError.self, "only an organiser over the volunteer's area asks") {
            try await warden.volunteers.askForCanvasserAccount(vic, username: "vic.stone", actor: south)
        }
        await #expect(throws: WardenError.self, "a username must be one") {
            try await warden.volunteers.askForCanvasserAccount(vic, username: "vic stone!", actor: organiser)
        }
        let asked = try await warden.volunteers.askForCanvasserAccount(vic, username: "vic.stone", actor: organiser)
        #expect(asked.accountAsked?.username == "vic.stone" && asked.accountAsked?.askedBy == "organiser")

        await #expect(throws: WardenError.self, "an organiser does not open accounts") {
            try await warden.volunteers.openCanvasserAccount(username: "vic.stone", password: TestWarden.password, actor: organiser)
        }
        await #expect(throws: WardenError.self) { try await warden.volunteers.canvasserAccountAsks(actor: organiser) }
        let asks = try await warden.volunteers.canvasserAccountAsks(actor: admin)
        #expect(asks.map(\.username) == ["vic.stone"] && asks.first?.askedBy == "organiser")

        try await warden.volunteers.openCanvasserAccount(username: "vic.stone", password: TestWarden.password, actor: admin)
        #expect(try test.sqlValues("SELECT person_id FROM account WHERE username = 'vic.stone'") == [vic.description])
        let grant = try test.sqlValues("""
            SELECT g.role, a.code, g.needs_approval FROM access_grant g JOIN account c ON c.id = g.account_id JOIN area a ON a.id = g.scope_area_id
            WHERE c.username = 'vic.stone'
            """)
        #expect(grant == ["canvasser|W1|0"], "a canvasser grant over the volunteer's ward, in force at once")
        #expect(try await warden.volunteers.canvasserAccountAsks(actor: admin).isEmpty)
        let refused = try test.sqlValues("SELECT actor FROM audit_event WHERE outcome = 'refused' ORDER BY id")
        #expect(refused == ["southorg", "organiser", "organiser", "organiser"], "every refusal is recorded: \(refused)")
    }

    @Test func aRequestIsDeclinedOnlyByAnAdministratorAndALapsedVolunteerIsNotAskedFor() async throws {
        let test = try await Self.make()
        let warden = test.warden
        let vic = try await Self.volunteer("vic@example.org", "Vic", skills: [.canvassing], client: "192.0.2.7", test)
        let wes = try await Self.volunteer("wes@example.org", "Wes", skills: [.driving], client: "192.0.2.7", test)
        let organiser = try await test.signIn("organiser").actor
        let admin = try await test.signIn("admin").actor

        _ = try await warden.volunteers.change(wes, status: .lapsed, actor: organiser)
        await #expect(throws: WardenError.self, "a lapsed volunteer is not given an account") {
            try await warden.volunteers.askForCanvasserAccount(wes, username: "wes.stone", actor: organiser)
        }
        _ = try await warden.volunteers.askForCanvasserAccount(vic, username: "vic.stone", actor: organiser)
        await #expect(throws: WardenError.self, "the organiser who asked does not decline it either") {
            try await warden.volunteers.declineCanvasserAccount(username: "vic.stone", actor: organiser)
        }
        try await warden.volunteers.declineCanvasserAccount(username: "vic.stone", actor: admin)
        #expect(try await warden.volunteers.canvasserAccountAsks(actor: admin).isEmpty)
        #expect(try test.sqlValues("SELECT COUNT(*) FROM account WHERE username = 'vic.stone'") == ["0"])
        let refused = try test.sqlValues("SELECT actor FROM audit_event WHERE outcome = 'refused' ORDER BY id")
        #expect(refused == ["organiser", "organiser"], "both refusals are recorded: \(refused)")
    }

    @Test func anOrganiserRecordsSomeoneTheyMetOnlyInTheirOwnArea() async throws {
        let test = try await Self.make()
        let warden = test.warden
        let ann = PersonID(Int64(try #require(try test.sqlValues("SELECT person_id FROM member WHERE membership_number = 'M1'").first))!)
        let cat = PersonID(Int64(try #require(try test.sqlValues("SELECT person_id FROM member WHERE membership_number = 'M2'").first))!)
        let organiser = try await test.signIn("organiser").actor
        let south = try await test.signIn("southorg").actor

        await #expect(throws: WardenError.forbidden("only organisers over an area record its volunteers")) {
            try await warden.volunteers.record(ann, areaCode: "W1", skills: [.driving], actor: south)
        }
        await #expect(throws: WardenError.notFound("no such person in that area"), "Cat is a member of W2: to W1's organiser she is not there") {
            try await warden.volunteers.record(cat, areaCode: "W1", skills: [.driving], actor: organiser)
        }
        await #expect(throws: WardenError.notFound("no such person in that area"), "as for someone who does not exist") {
            try await warden.volunteers.record(PersonID(999_999), areaCode: "W1", skills: [.driving], actor: organiser)
        }
        let recorded = try await warden.volunteers.record(ann, areaCode: "W1", skills: [.driving], availability: "Sundays", actor: organiser)
        #expect(recorded.name == "Ann Lee" && recorded.status == .active && recorded.source == "organiser" && recorded.skills == [.driving])
        await #expect(throws: WardenError.self, "once") {
            try await warden.volunteers.record(ann, areaCode: "W1", skills: [], actor: organiser)
        }
        #expect(try await warden.volunteers.list(actor: south).isEmpty)
        let refused = try test.sqlValues("SELECT actor FROM audit_event WHERE outcome = 'refused' ORDER BY id")
        #expect(refused == ["southorg", "organiser", "organiser", "organiser"], "every refusal is recorded: \(refused)")
    }

    @Test func statusMoves() {
        #expect(VolunteerPolicy.mayMove(from: .new, to: .contacted))
        #expect(VolunteerPolicy.mayMove(from: .active, to: .lapsed))
        #expect(VolunteerPolicy.mayMove(from: .lapsed, to: .contacted))
        #expect(!VolunteerPolicy.mayMove(from: .active, to: .new))
        #expect(!VolunteerPolicy.mayMove(from: .lapsed, to: .lapsed))
    }
}
