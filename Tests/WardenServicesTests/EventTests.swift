import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Events: an RSVP is recorded only once its emailed link is followed; a full event waitlists
/// in order and a cancellation promotes the first waiting, each emailed; the public form
/// refuses floods and members-only events; the door finds only the event's RSVPs and logs
/// whom it found; walk-ins attend; the unchecked are no-shows after the end; reminders go
/// once; organisers of another ward are refused, and every refusal is in the log.
@Suite("Events")
struct EventTests {
    static let hour: Int64 = 3_600

    static func make() async throws -> TestWarden {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadMembers()
        try await test.account("organiser", .organiser, areaCode: "W1")
        try await test.account("southorg", .organiser, areaCode: "W2")
        return test
    }

    static func area(_ code: String, _ test: TestWarden) async throws -> AreaID {
        try #require(try await test.warden.areas.all().first { $0.code == code }?.id)
    }

    static func details(_ area: AreaID, capacity: Int = 2, access: EventAccess = .public, starts: Timestamp = Timestamp.now.adding(days: 3)) -> EventDetails {
        EventDetails(title: "Street stall", description: "Leaflets and tea", place: "Market Square, Fellwick", areaID: area,
                     starts: starts, ends: starts.adding(seconds: 2 * hour), capacity: capacity, access: access)
    }

    static func request(_ event: EventID, _ email: String, forenames: String = "Vic", surname: String = "Stone") -> EventRSVPRequest {
        EventRSVPRequest(eventID: event, forenames: forenames, surname: surname, email: email, emailConsent: false)
    }

    /// The token in the newest email to `address` carrying an RSVP link.
    static func token(to address: String, _ test: TestWarden) throws -> String {
        let lines = try test.sqlValues("SELECT body FROM outbox WHERE recipient = '\(address)' AND body LIKE '%/events/rsvp/%' ORDER BY id DESC LIMIT 1")
        let link = try #require(lines.first { $0.contains("/events/rsvp/") })
        return String(try #require(link.split(separator: "/").last))
    }

    /// Replies from the public form and follows the emailed link; returns the link's token.
    @discardableResult
    static func rsvp(_ event: EventID, _ email: String, _ test: TestWarden, forenames: String = "Vic", surname: String = "Stone",
                     client: String = "192.0.2.1") async throws -> String {
        try await test.warden.events.requestRSVP(request(event, email, forenames: forenames, surname: surname), client: client)
        let token = try token(to: email, test)
        try await test.warden.events.confirmRSVP(token: token)
        return token
    }

    static func subjects(to address: String, _ test: TestWarden) throws -> [String] {
        try test.sqlValues("SELECT subject FROM outbox WHERE recipient = '\(address)' ORDER BY id")
    }

    /// The mailing rule "people coming to event N": those going or waiting, not those who
    /// cancelled; only an event the author organises, in the mailing's area; a venue change may
    /// go as a service message.
    @Test func aMailingToAnEventsRepliesCountsThoseStillComing() async throws {
        let test = try await Self.make()
        let warden = test.warden
        let organiser = try await test.signIn("organiser").actor
        let south = try await test.signIn("southorg").actor
        let event = try await warden.events.create(Self.details(try await Self.area("W1", test)), actor: organiser)
        let elsewhere = try await warden.events.create(Self.details(try await Self.area("W2", test)), actor: south)
        var tokens: [String] = []
        for name in ["one", "two", "three"] { tokens.append(try await Self.rsvp(event.id, "\(name)@example.org", test, forenames: name.capitalized)) }
        _ = try await warden.events.cancelRSVP(token: tokens[0])

        func draft(_ event: EventID, _ mailClass: MailClass = .service) -> MailingDraft {
            MailingDraft(areaCode: "W1", subject: "The stall moves", body: "Dear {{first_name}}, we are by the library instead.", mailClass: mailClass,
                         audience: .eventReplies(event))
        }
        let mailing = try await warden.mailings.write(draft(event.id), actor: organiser)
        let count = try await warden.mailings.preview(mailing.id, actor: organiser).count
        #expect(count.people == 2 && count.emails == 2, "Two (going) and Three (waiting); One cancelled: \(count)")
        await #expect(throws: WardenError.self, "another ward's event is not the author's to write to") {
            try await warden.mailings.write(draft(elsewhere.id), actor: organiser)
        }
        await #expect(throws: WardenError.self) { try await warden.mailings.write(draft(EventID(999_999)), actor: organiser) }
        #expect(Audience(name: "event:\(event.id)") == .eventReplies(event.id) && Audience(name: "event:x") == nil)
    }

    @Test func aFullEventWaitlistsAndCancellationsPromoteInOrderEachEmailed() async throws {
        let test = try await Self.make()
        let events = test.warden.events
        let organiser = try await test.signIn("organiser").actor
        let event = try await events.create(Self.details(try await Self.area("W1", test)), actor: organiser)

        try await events.requestRSVP(Self.request(event.id, "one@example.org"), client: "192.0.2.1")
        #expect(try test.sqlValues("SELECT COUNT(*) FROM event_rsvp") == ["0"], "nothing is recorded before the link is followed")
        var tokens: [String] = []
        for name in ["one", "two", "three", "four"] {
            tokens.append(try await Self.rsvp(event.id, "\(name)@example.org", test, forenames: name.capitalized))
        }
        #expect(try test.sqlValues("SELECT state FROM event_rsvp ORDER BY position") == ["going", "going", "waitlisted", "waitlisted"])
        #expect(try Self.subjects(to: "three@example.org", test).last == "You are on the waiting list: Street stall")
        #expect(try Self.subjects(to: "two@example.org", test).last == "You have a place: Street stall")

        try await events.cancelRSVP(token: tokens[1])
        #expect(try test.sqlValues("SELECT state FROM event_rsvp ORDER BY position") == ["going", "cancelled", "going", "waitlisted"])
        #expect(try Self.subjects(to: "three@example.org", test).last == "A place has come up: Street stall")
        #expect(try Self.subjects(to: "four@example.org", test).last == "You are on the waiting list: Street stall")

        try await events.cancelRSVP(token: tokens[0])
        #expect(try test.sqlValues("SELECT state FROM event_rsvp ORDER BY position") == ["cancelled", "cancelled", "going", "going"])
        #expect(try Self.subjects(to: "four@example.org", test).last == "A place has come up: Street stall")
        let numbers = try await events.numbers(event.id, actor: organiser).numbers
        #expect(numbers.going == 2 && numbers.waitlisted == 0 && numbers.cancelled == 2 && numbers.capacity == 2)
        #expect(try test.sqlValues("SELECT COUNT(*) FROM audit_event WHERE detail LIKE '%waitlisted given a place, in order'") == ["2"])
    }

    @Test func aLargerCapacityPromotesTheWaitlist() async throws {
        let test = try await Self.make()
        let events = test.warden.events
        let event = try await events.create(Self.details(try await Self.area("W1", test), capacity: 1), actor: .localOperator)
        try await Self.rsvp(event.id, "one@example.org", test)
        try await Self.rsvp(event.id, "two@example.org", test)
        _ = try await events.update(event.id, actor: .localOperator) { $0.capacity = 2 }
        #expect(try test.sqlValues("SELECT state FROM event_rsvp ORDER BY position") == ["going", "going"])
        #expect(try Self.subjects(to: "two@example.org", test).last == "A place has come up: Street stall")
    }

    @Test func aFloodFromOneClientAndAMembersOnlyEventAreRefusedPubliclyAndRecorded() async throws {
        let test = try await Self.make()
        let events = test.warden.events
        let area = try await Self.area("W1", test)
        let event = try await events.create(Self.details(area, capacity: 50), actor: .localOperator)
        for i in 1...EventPolicy.requestsPerClient {
            try await events.requestRSVP(Self.request(event.id, "v\(i)@example.org"), client: "198.51.100.7")
        }
        await #expect(throws: WardenError.tooManyAttempts) {
            try await events.requestRSVP(Self.request(event.id, "v99@example.org"), client: "198.51.100.7")
        }
        try await events.requestRSVP(Self.request(event.id, "v99@example.org"), client: "198.51.100.8")

        let members = try await events.create(Self.details(area, access: .membersOnly), actor: .localOperator)
        await #expect(throws: WardenError.forbidden("this event is for members only: sign in to Warden as a member to reply")) {
            try await events.requestRSVP(Self.request(members.id, "m@example.org"), client: "198.51.100.9")
        }
        do {
            try await events.requestRSVP(Self.request(event.id, "not-an-address<script>"), client: "198.51.100.10")
            Issue.record("an address that is not one was taken")
        } catch WardenError.invalidRequest(let problem) {
            #expect(problem == "email: not an email address")
        }
        let refusals = try test.sqlValues("SELECT detail FROM audit_event WHERE actor LIKE '%event RSVP form%' AND outcome = 'refused' ORDER BY id")
        #expect(refusals.count == 3 && refusals.allSatisfy { !$0.contains("script") && !$0.contains("v99") && !$0.contains("m@") }, "\(refusals)")
        #expect(refusals.first?.contains("more than 5 RSVPs from one client") == true && refusals[1].contains("members only"))
        #expect(try test.sqlValues("SELECT COUNT(*) FROM outbox WHERE recipient = 'm@example.org'") == ["0"])
    }

    @Test func theDoorFindsOnlyTheEventsRSVPsAndLogsWhomItFound() async throws {
        let test = try await Self.make()
        let events = test.warden.events
        let organiser = try await test.signIn("organiser").actor
        let event = try await events.create(Self.details(try await Self.area("W1", test), capacity: 10), actor: organiser)
        // Ann Lee the member is not coming; another Ann Lee is.
        try await Self.rsvp(event.id, "other.ann@example.org", test, forenames: "Ann", surname: "Lee")
        let member = try #require(try test.sqlValues("SELECT person_id FROM contact_point WHERE value = 'ann@example.org'").first)
        let found = try await events.search(event.id, name: "ann", actor: organiser)
        #expect(found.count == 1 && found.first?.name == "Ann Lee" && found.first?.personID.rawValue != Int64(member))
        #expect(try await events.search(event.id, name: "Cat", actor: organiser).isEmpty, "Cat Ray is a member in the database, not an RSVP")
        let person = try #require(found.first?.personID)
        let logged = try test.sqlValues("""
            SELECT ap.person_id FROM audit_person ap JOIN audit_event ae ON ae.id = ap.event_id WHERE ae.detail LIKE '%door search: 1 found'
            """)
        #expect(logged == ["\(person.rawValue)"])
        await #expect(throws: WardenError.invalidRequest("name: at least 2 letters")) {
            _ = try await events.search(event.id, name: "a", actor: organiser)
        }

        try await events.checkIn(event.id, person: person, actor: organiser)
        await #expect(throws: WardenError.notFound("this person has no RSVP to check in: add them as a walk-in")) {
            try await events.checkIn(event.id, person: PersonID(rawValue: Int64(member)!), actor: organiser)
        }
        #expect(try test.sqlValues("SELECT COUNT(*) FROM audit_event WHERE outcome = 'refused' AND detail LIKE '%check-in: no RSVP to check in'") == ["1"])
        let walkIn = try await events.addWalkIn(event.id, forenames: "Dan", surname: "Fox", email: nil, actor: organiser)
        #expect(try test.sqlValues("SELECT state, source FROM event_rsvp WHERE person_id = \(walkIn.rawValue)") == ["attended|walk-in"])
        #expect(try await events.search(event.id, name: "fox", actor: organiser).map(\.state) == [.attended])
        #expect(try await events.numbers(event.id, actor: organiser).numbers.attended == 2)
    }

    @Test func goingButNotCheckedInIsANoShowOnceTheEventHasEnded() async throws {
        let test = try await Self.make()
        let events = test.warden.events
        let event = try await events.create(Self.details(try await Self.area("W1", test), capacity: 5), actor: .localOperator)
        try await Self.rsvp(event.id, "came@example.org", test, forenames: "Came")
        try await Self.rsvp(event.id, "away@example.org", test, forenames: "Away")
        let came = try #require(try await events.search(event.id, name: "came", actor: .localOperator).first?.personID)
        try await events.checkIn(event.id, person: came, actor: .localOperator)
        let during = try await events.numbers(event.id, actor: .localOperator).numbers
        #expect(during.going == 1 && during.attended == 1 && during.noShow == 0)
        let after = try await events.numbers(event.id, actor: .localOperator, at: event.details.ends.adding(seconds: 1)).numbers
        #expect(after.going == 0 && after.attended == 1 && after.noShow == 1)
        #expect(EventPolicy.state(.going, endedBy: true) == .noShow && EventPolicy.state(.waitlisted, endedBy: true) == .waitlisted)
    }

    @Test func aReminderIsQueuedOnceADayBefore() async throws {
        let test = try await Self.make()
        let events = test.warden.events
        let now = Timestamp.now
        let event = try await events.create(Self.details(try await Self.area("W1", test), capacity: 1, starts: now.adding(seconds: 30 * Self.hour)),
                                            actor: .localOperator)
        try await Self.rsvp(event.id, "one@example.org", test)
        try await Self.rsvp(event.id, "two@example.org", test)
        #expect(try await events.queueReminders(actor: .localOperator, at: now) == 0, "30 hours ahead is too early")
        #expect(try await events.queueReminders(actor: .localOperator, at: now.adding(seconds: 7 * Self.hour)) == 1)
        #expect(try await events.queueReminders(actor: .localOperator, at: now.adding(seconds: 8 * Self.hour)) == 0, "once")
        #expect(try Self.subjects(to: "one@example.org", test).last == "Tomorrow: Street stall")
        #expect(!(try Self.subjects(to: "two@example.org", test).contains("Tomorrow: Street stall")), "the waitlisted get no reminder")
    }

    @Test func anOrganiserOfAnotherWardIsRefusedAndRecorded() async throws {
        let test = try await Self.make()
        let events = test.warden.events
        let north = try await Self.area("W1", test)
        let south = try await test.signIn("southorg").actor
        let event = try await events.create(Self.details(north), actor: .localOperator)
        try await Self.rsvp(event.id, "one@example.org", test)
        await #expect(throws: WardenError.forbidden("only organisers over the event's area manage it")) {
            _ = try await events.search(event.id, name: "Vic", actor: south)
        }
        await #expect(throws: WardenError.self) { _ = try await events.create(Self.details(north), actor: south) }
        await #expect(throws: WardenError.self) { _ = try await events.numbers(event.id, actor: south) }
        await #expect(throws: WardenError.self) { try await events.cancel(event.id, actor: south) }
        #expect(try await events.list(actor: south).isEmpty)
        let refused = try test.sqlValues("SELECT detail FROM audit_event WHERE actor = 'southorg' AND outcome = 'refused' ORDER BY id")
        #expect(refused.count == 4 && refused.allSatisfy { $0.hasSuffix("event outside the actor's areas") }, "\(refused)")
        #expect(try test.sqlValues("SELECT cancelled FROM event") == ["0"])
    }

    @Test func cancellingAnEventEmailsTheGoingAndTheWaiting() async throws {
        let test = try await Self.make()
        let events = test.warden.events
        let event = try await events.create(Self.details(try await Self.area("W1", test), capacity: 1), actor: .localOperator)
        try await Self.rsvp(event.id, "one@example.org", test)
        try await Self.rsvp(event.id, "two@example.org", test)
        try await events.requestRSVP(Self.request(event.id, "late@example.org"), client: "192.0.2.8")
        #expect(try await events.cancel(event.id, actor: .localOperator) == 2)
        await #expect(throws: WardenError.conflict("this event has been cancelled"), "a link followed after the cancellation records nothing") {
            try await events.confirmRSVP(token: try Self.token(to: "late@example.org", test))
        }
        #expect(try test.sqlValues("SELECT COUNT(*) FROM event_rsvp") == ["2"])
        #expect(try test.sqlValues("SELECT COUNT(*) FROM audit_event WHERE outcome = 'refused' AND detail LIKE 'RSVP confirmed: this event has been cancelled'") == ["1"])
        #expect(try Self.subjects(to: "two@example.org", test).last == "Cancelled: Street stall")
        await #expect(throws: WardenError.self, "a cancelled event takes no reply") {
            try await events.requestRSVP(Self.request(event.id, "three@example.org"), client: "192.0.2.9")
        }
    }

    @Test func aSignedInMemberRepliesToAMembersOnlyEventAndOthersAreRefused() async throws {
        let test = try await Self.make()
        try await test.account("ann", .member, membershipNumber: "M1")
        let events = test.warden.events
        let area = try await Self.area("W1", test)
        let event = try await events.create(Self.details(area, capacity: 1, access: .membersOnly), actor: .localOperator)
        let ann = try await test.signIn("ann").actor
        let organiser = try await test.signIn("organiser").actor
        let replied = try await events.replyAsMember(event.id, actor: ann)
        #expect(replied.state == .going)
        #expect(try Self.subjects(to: "ann@example.org", test).last == "You have a place: Street stall")
        #expect(try Self.token(to: "ann@example.org", test) == replied.token, "the emailed link is the reply's own")
        #expect(try await events.replyAsMember(event.id, actor: ann).state == .going, "a second reply keeps the place")
        await #expect(throws: WardenError.forbidden("only members reply here, from their own account")) {
            _ = try await events.replyAsMember(event.id, actor: organiser)
        }
        try await events.cancelRSVP(token: try Self.token(to: "ann@example.org", test))
        #expect(try test.sqlValues("SELECT state, source FROM event_rsvp") == ["cancelled|member"])
        let started = try await events.create(Self.details(area, starts: Timestamp.now.adding(seconds: -60)), actor: .localOperator)
        await #expect(throws: WardenError.conflict("this event has already started")) { _ = try await events.replyAsMember(started.id, actor: ann) }
        let refused = try test.sqlValues("SELECT detail FROM audit_event WHERE outcome = 'refused' AND detail LIKE '%member''s RSVP%' ORDER BY id")
        #expect(refused.count == 2 && refused.first?.hasSuffix("not a member's own account") == true, "\(refused)")
    }

    @Test func repliesConfirmedTogetherNeverPassTheCapacity() async throws {
        let test = try await Self.make()
        let events = test.warden.events
        let event = try await events.create(Self.details(try await Self.area("W1", test), capacity: 2), actor: .localOperator)
        var tokens: [String] = []
        for i in 1...6 {
            try await events.requestRSVP(Self.request(event.id, "r\(i)@example.org"), client: "192.0.2.\(i)")
            tokens.append(try Self.token(to: "r\(i)@example.org", test))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for token in tokens { group.addTask { try await events.confirmRSVP(token: token) } }
            try await group.waitForAll()
        }
        #expect(try test.sqlValues("SELECT state, COUNT(*), COUNT(DISTINCT position) FROM event_rsvp GROUP BY state ORDER BY state")
            == ["going|2|2", "waitlisted|4|4"])
    }

    @Test func aKnownAddressIsAnsweredAlikeAndMatched() async throws {
        let test = try await Self.make()
        let events = test.warden.events
        let event = try await events.create(Self.details(try await Self.area("W1", test)), actor: .localOperator)
        let ann = try #require(try test.sqlValues("SELECT person_id FROM contact_point WHERE value = 'ann@example.org'").first)
        let people = try test.sqlValues("SELECT COUNT(*) FROM person")
        // Nothing thrown and one email queued, as for an address nobody knows.
        try await events.requestRSVP(Self.request(event.id, "ANN@example.org", forenames: "Someone", surname: "Else"), client: "192.0.2.20")
        try await events.requestRSVP(Self.request(event.id, "nobody@example.org"), client: "192.0.2.21")
        #expect(try test.sqlValues("SELECT COUNT(*) FROM outbox WHERE recipient IN ('ANN@example.org', 'nobody@example.org')") == ["2"])
        let confirmed = try await events.confirmRSVP(token: try Self.token(to: "ANN@example.org", test))
        #expect(confirmed.personID.rawValue == Int64(ann) && confirmed.state == .going)
        #expect(try test.sqlValues("SELECT COUNT(*) FROM person") == people, "no second person")
        #expect(try test.sqlValues("SELECT forenames FROM person WHERE id = \(ann)") == ["Ann"], "the form does not rename a record")
    }

    @Test func anUnfollowedLinkExpiresAndIsDeleted() async throws {
        let test = try await Self.make()
        let events = test.warden.events
        let event = try await events.create(Self.details(try await Self.area("W1", test)), actor: .localOperator)
        let then = Timestamp.now
        try await events.requestRSVP(Self.request(event.id, "late@example.org"), client: "192.0.2.5", at: then)
        let token = try Self.token(to: "late@example.org", test)
        let later = then.adding(seconds: EventPolicy.confirmationSeconds + 1)
        await #expect(throws: WardenError.self) { try await events.confirmRSVP(token: token, at: later) }
        #expect(try await events.expireRequests(at: later) == 1)
        #expect(try test.sqlValues("SELECT COUNT(*) FROM event_rsvp_request") == ["0"] && test.sqlValues("SELECT COUNT(*) FROM event_rsvp") == ["0"])
    }

    @Test func policy() {
        let area = AreaID(rawValue: 1)
        let now = Timestamp.now
        var bad = Self.details(area, capacity: 0)
        bad.title = "Line one\nline two"
        bad.ends = bad.starts
        #expect(EventPolicy.problems(with: bad) == ["title: one line only", "ends: not after the start", "capacity: not between 1 and 10000"])
        var numbers = EventNumbers(capacity: 2)
        #expect(EventPolicy.newRSVPState(numbers) == .going)
        numbers.going = 2
        #expect(EventPolicy.newRSVPState(numbers) == .waitlisted)
        numbers = EventNumbers(capacity: 3)
        numbers.going = 2
        numbers.waitlisted = 1
        #expect(EventPolicy.newRSVPState(numbers) == .waitlisted, "someone waiting keeps their turn")
        let waiting = [3, 1, 2].map { EventRSVP(eventID: EventID(1), personID: PersonID(rawValue: Int64(10 - $0)), name: "", state: .waitlisted,
                                                position: Int64($0), createdAt: now) }
        #expect(EventPolicy.waitlistOrder(waiting, numbers: numbers).map(\.position) == [1])
        #expect(EventPolicy.matches("Zoë Ann-Marie Lee", query: "zoe lee") && EventPolicy.matches("Ann Lee", query: "AN") && !EventPolicy.matches("Dan Lee", query: "an"))
    }
}
