import Crypto
import Foundation
public import WardenCore
@_spi(Gate) import WardenStore

/// Events: the organisers' events (``EventPolicy``, managed by ``OrganisingPolicy`` of the
/// event's area), the public RSVP form and its emailed link, the waitlist, reminders and the
/// door. The form answers alike whether or not the address is known, counts a client's
/// requests by a keyed hash of the client, and records nothing about a person until the
/// address's owner follows the link.
extension Gate {
    /// The actor the log names for whoever uses the public RSVP form or its links.
    static let eventForm = Actor(kind: .publicPage("event RSVP form"), grants: [])

    // MARK: Organisers

    /// Creates an event in an area `actor` organises; problems and other areas are refused and recorded.
    public func createEvent(_ details: EventDetails, actor: Actor, at instant: Timestamp = .now) async throws -> Event {
        let audit = AuditEvent(at: instant, actor: actor, action: .event, purpose: Purpose.default(for: actor), detail: "event created")
        try await requireEventManager(actor, of: details.areaID, audit: audit)
        if let problem = EventPolicy.problems(with: details).first {
            try await refuse(audit, by: actor, why: problem, .invalidRequest(problem))
        }
        return try await store.createEvent(details, audit: audit)
    }

    /// Changes an event's details; a larger capacity gives places to the waitlist, in order.
    public func updateEvent(_ id: EventID, actor: Actor, at instant: Timestamp = .now, _ change: (inout EventDetails) -> Void) async throws -> Event {
        let audit = AuditEvent(at: instant, actor: actor, action: .event, purpose: Purpose.default(for: actor), detail: "event \(id) changed")
        var event = try await managedEvent(id, actor: actor, audit: audit)
        change(&event.details)
        try await requireEventManager(actor, of: event.details.areaID, audit: audit)
        if let problem = EventPolicy.problems(with: event.details).first {
            try await refuse(audit, by: actor, why: problem, .invalidRequest(problem))
        }
        _ = try await store.updateEvent(event, mail: eventMail(link: nil), audit: audit)
        return event
    }

    /// Cancels an event, emailing everyone going or waiting; returns how many were emailed.
    public func cancelEvent(_ id: EventID, actor: Actor, at instant: Timestamp = .now) async throws -> Int {
        let audit = AuditEvent(at: instant, actor: actor, action: .event, purpose: Purpose.default(for: actor), detail: "event \(id) cancelled")
        _ = try await managedEvent(id, actor: actor, audit: audit)
        return try await store.cancelEvent(id, mail: eventMail(link: nil), audit: audit)
    }

    /// The events of the areas `actor` organises, with their numbers (no names).
    public func managedEvents(actor: Actor, at instant: Timestamp = .now) async throws -> [(event: Event, numbers: EventNumbers)] {
        let audit = AuditEvent(at: instant, actor: actor, action: .read, purpose: Purpose.default(for: actor), detail: "events")
        guard OrganisingPolicy.organisesAnywhere(actor) else {
            try await refuse(audit, by: actor, why: "not an organiser", .forbidden("only organisers manage events"))
        }
        let all = Dictionary(uniqueKeysWithValues: try await areas.allAreas().map { ($0.id, $0) })
        let managed = Set(all.keys.filter { OrganisingPolicy.mayOrganise(actor, areaChain: Set(Area.chain(from: $0, in: all).map(\.id))) })
        return try await store.events(in: managed, at: instant)
    }

    /// One event and its numbers, for an organiser of its area.
    public func managedEventNumbers(_ id: EventID, actor: Actor, at instant: Timestamp = .now) async throws -> (event: Event, numbers: EventNumbers) {
        let audit = AuditEvent(at: instant, actor: actor, action: .read, purpose: Purpose.default(for: actor), detail: "event \(id) numbers")
        guard let shown = try await store.eventNumbers(id, at: instant) else {
            try await refuse(audit, by: actor, why: "no such event", .notFound("no event \(id)"))
        }
        try await requireEventManager(actor, of: shown.event.details.areaID, audit: audit)
        return shown
    }

    // MARK: The door

    /// The event's RSVPs whose names match `query`, for an organiser of its area; the search
    /// and the people it returned are in the log.
    public func searchAtDoor(_ id: EventID, query: String, actor: Actor, at instant: Timestamp = .now) async throws -> [EventRSVP] {
        let audit = AuditEvent(at: instant, actor: actor, action: .search, purpose: Purpose.default(for: actor), detail: "event \(id) door search")
        _ = try await managedEvent(id, actor: actor, audit: audit)
        if let problem = EventPolicy.problems(withSearch: query).first {
            try await refuse(audit, by: actor, why: problem, .invalidRequest(problem))
        }
        return try await store.searchRSVPs(id, query: query.trimmingCharacters(in: .whitespaces), audit: audit)
    }

    /// Checks in one of the event's RSVPs; someone with no RSVP is refused (add them as a walk-in).
    public func checkIn(_ id: EventID, person: PersonID, actor: Actor, at instant: Timestamp = .now) async throws {
        let audit = AuditEvent(at: instant, actor: actor, action: .event, purpose: Purpose.default(for: actor), detail: "event \(id) check-in")
        _ = try await managedEvent(id, actor: actor, audit: audit)
        guard try await store.checkIn(id, person: person, audit: audit) else {
            throw WardenError.notFound("this person has no RSVP to check in: add them as a walk-in")
        }
    }

    /// Records someone who came without an RSVP as attended.
    public func addWalkIn(_ id: EventID, forenames: String, surname: String, email: String?, actor: Actor, at instant: Timestamp = .now) async throws -> PersonID {
        let audit = AuditEvent(at: instant, actor: actor, action: .event, purpose: Purpose.default(for: actor), detail: "event \(id) walk-in")
        _ = try await managedEvent(id, actor: actor, audit: audit)
        let problems = PublicFormRules.problems(name: forenames, field: "forenames") + PublicFormRules.problems(name: surname, field: "surname")
            + (email.map { PublicFormRules.problems(email: $0) } ?? [])
        if let problem = problems.first {
            try await refuse(audit, by: actor, why: problem, .invalidRequest(problem))
        }
        return try await store.addWalkIn(id, forenames: forenames, surname: surname, email: email, audit: audit)
    }

    // MARK: The public form

    /// An event as the public page shows it, with the places left: no names.
    public func publicEvent(_ id: EventID, at instant: Timestamp = .now) async throws -> (event: Event, numbers: EventNumbers) {
        guard let shown = try await store.eventNumbers(id, at: instant) else { throw WardenError.notFound("no such event") }
        return shown
    }

    /// Keeps an RSVP from the public form and queues its confirmation email; a problem, a
    /// members-only or past event, or a flood from `client` is refused and recorded (naming
    /// fields, never values).
    public func requestRSVP(_ request: EventRSVPRequest, client: String, at instant: Timestamp = .now) async throws {
        let audit = AuditEvent(at: instant, actor: Self.eventForm, action: .event, purpose: nil, detail: "event \(request.eventID) RSVP requested")
        guard let event = try await store.event(request.eventID) else {
            try await refuse(audit, by: Self.eventForm, why: "no such event", .notFound("no such event"))
        }
        if let refusal = EventPolicy.publicRefusal(of: event, at: instant) {
            try await refuse(audit, by: Self.eventForm, why: refusal, .forbidden(refusal))
        }
        if let problem = EventPolicy.problems(with: request).first {
            try await refuse(audit, by: Self.eventForm, why: problem, .invalidRequest(problem))
        }
        let clientHash = try envelope.keys.current.identifierHash("event-client|" + client)
        let recent = try await store.rsvpRequests(fromClient: clientHash, since: instant.adding(seconds: -EventPolicy.floodWindow))
        guard recent < EventPolicy.requestsPerClient else {
            try await refuse(audit, by: Self.eventForm, why: "more than \(EventPolicy.requestsPerClient) RSVPs from one client in an hour", .tooManyAttempts)
        }
        let (token, hash) = notices.token()
        let email = QueuedEmail(to: request.email, subject: "Confirm your place: " + SafeText.line(event.details.title), body: """
            Dear \(SafeText.line(request.forenames)),

            To confirm your reply to \(Self.describe(event)), follow this link within 48 hours:

            \(notices.eventLink(token))

            Keep this email: the same link lets you cancel later. If you did not reply to this event, ignore it: nothing is kept unless the link is followed.
            """)
        let pending = PendingRSVPRequest(request: request, tokenHash: hash, clientHash: clientHash, createdAt: instant,
                                         expiresAt: instant.adding(seconds: EventPolicy.confirmationSeconds))
        try await store.addRSVPRequest(pending, email: email, audit: audit)
    }

    /// Follows an RSVP's link: the RSVP is recorded, going or waitlisted, and emailed to say
    /// which; an unknown or expired link, or an event that has since closed, is refused and recorded.
    public func confirmRSVP(token: String, at instant: Timestamp = .now) async throws -> EventRSVPConfirmation {
        let audit = AuditEvent(at: instant, actor: Self.eventForm, action: .event, purpose: nil, detail: "RSVP confirmed")
        let confirmation: EventRSVPConfirmation?
        do {
            confirmation = try await store.confirmRSVP(tokenHash: Self.hash(token), mail: eventMail(link: notices.eventLink(token)), audit: audit)
        } catch StoreError.conflict(let closed) {
            try await refuse(audit, by: Self.eventForm, why: closed, .conflict(closed))
        }
        guard let confirmation else {
            try await refuse(audit, by: Self.eventForm, why: "no unexpired RSVP has this link",
                             .notFound("this link has expired or was already used: reply again from the event's page"))
        }
        return confirmation
    }

    /// A signed-in member's own reply, to any event that still takes replies; anyone else, or
    /// a closed event, is refused and recorded. Returns the state and the token of the reply's
    /// own link (also emailed), which cancels it.
    public func replyAsMember(_ id: EventID, actor: Actor, at instant: Timestamp = .now) async throws -> (state: RSVPState, token: String) {
        let audit = AuditEvent(at: instant, actor: actor, action: .event, purpose: Purpose.default(for: actor), detail: "event \(id) member's RSVP")
        guard let person = actor.personID, EventPolicy.mayReplyAsMember(actor) else {
            try await refuse(audit, by: actor, why: "not a member's own account", .forbidden("only members reply here, from their own account"))
        }
        guard let event = try await store.event(id) else {
            try await refuse(audit, by: actor, why: "no such event", .notFound("no such event"))
        }
        if let closed = EventPolicy.closedReason(of: event, at: instant) {
            try await refuse(audit, by: actor, why: closed, .conflict(closed))
        }
        let (token, hash) = notices.token()
        let state = try await store.memberRSVP(id, person: person, tokenHash: hash, mail: eventMail(link: notices.eventLink(token)), audit: audit,
                                               standing: actor.standing)
        return (state, token)
    }

    /// The event and state of the RSVP a followed link manages; `nil` when the link has not
    /// been followed yet (or is unknown).
    public func rsvp(token: String, at instant: Timestamp = .now) async throws -> (event: Event, state: RSVPState)? {
        try await store.rsvp(manageTokenHash: Self.hash(token), at: instant)
    }

    /// Cancels the RSVP a link manages; the first waitlisted take the place, each emailed.
    public func cancelRSVP(token: String, at instant: Timestamp = .now) async throws -> Event {
        let audit = AuditEvent(at: instant, actor: Self.eventForm, action: .event, purpose: nil, detail: "RSVP cancelled")
        guard let cancelled = try await store.cancelRSVP(manageTokenHash: Self.hash(token), mail: eventMail(link: nil), audit: audit) else {
            try await refuse(audit, by: Self.eventForm, why: "no RSVP has this link", .notFound("this link is not valid"))
        }
        return cancelled.event
    }

    /// Deletes the RSVP requests whose links expired unfollowed: what they held was never confirmed.
    public func expireRSVPRequests(at instant: Timestamp = .now) async throws -> Int {
        try await store.expireRSVPRequests(before: instant)
    }

    /// Gives places freed other than by a cancellation (an erasure) to the waiting, in order, each emailed.
    public func fillFreedEventPlaces(actor: Actor, at instant: Timestamp = .now) async throws -> [PersonID] {
        let audit = AuditEvent(at: instant, actor: actor, action: .event, purpose: nil, detail: "freed places")
        return try await store.fillFreedPlaces(at: instant, mail: eventMail(link: nil), audit: audit)
    }

    /// Queues a reminder to each going RSVP of the events starting within ``EventPolicy/reminderSeconds``, once.
    public func queueEventReminders(actor: Actor, at instant: Timestamp = .now) async throws -> Int {
        let audit = AuditEvent(at: instant, actor: actor, action: .event, purpose: nil, detail: "event reminders")
        return try await store.queueReminders(startingAfter: instant, by: instant.adding(seconds: EventPolicy.reminderSeconds),
                                              mail: eventMail(link: nil), audit: audit)
    }

    // MARK: Helpers

    /// The event `id`, if `actor` organises its area; refused and recorded otherwise.
    private func managedEvent(_ id: EventID, actor: Actor, audit: AuditEvent) async throws -> Event {
        guard let event = try await store.event(id) else {
            try await refuse(audit, by: actor, why: "no such event", .notFound("no event \(id)"))
        }
        try await requireEventManager(actor, of: event.details.areaID, audit: audit)
        return event
    }

    private func requireEventManager(_ actor: Actor, of area: AreaID, audit: AuditEvent) async throws {
        let all = Dictionary(uniqueKeysWithValues: try await areas.allAreas().map { ($0.id, $0) })
        guard OrganisingPolicy.mayOrganise(actor, areaChain: Set(Area.chain(from: area, in: all).map(\.id))) else {
            try await refuse(audit, by: actor, why: "event outside the actor's areas", .forbidden("only organisers over the event's area manage it"))
        }
    }

    /// The SHA-256 of a link's token, as the store keeps it (as ``NoticeMaker/token`` makes it).
    private static func hash(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// What, where and when, for an email: the organiser's words on one line each.
    static func describe(_ event: Event) -> String {
        "\(SafeText.line(event.details.title)) at \(SafeText.line(event.details.place)), \(event.details.starts.description) to \(event.details.ends.description)"
    }

    /// The emails an event's writes queue; `link` is the RSVP's own link, when the write has it.
    func eventMail(link: String?) -> EventMail {
        let keep = "If you cannot come after all, follow the link in your confirmation email and cancel: someone waiting will get your place."
        return EventMail(
            confirmed: { event, state, to in
                let said = state == .going ? "You have a place at" : "The event is full: you are on the waiting list for"
                return QueuedEmail(to: to, subject: (state == .going ? "You have a place: " : "You are on the waiting list: ") + SafeText.line(event.details.title), body: """
                    \(said) \(Self.describe(event)).\(state == .waitlisted ? " If a place comes up we will email you, in the order people replied." : "")

                    To cancel, follow this link and press Cancel:

                    \(link ?? "")
                    """)
            },
            placeCameUp: { event, to in
                QueuedEmail(to: to, subject: "A place has come up: " + SafeText.line(event.details.title), body: """
                    A place has come up and it is yours: \(Self.describe(event)).

                    \(keep)
                    """)
            },
            reminder: { event, to in
                QueuedEmail(to: to, subject: "Tomorrow: " + SafeText.line(event.details.title), body: """
                    A reminder that you have a place at \(Self.describe(event)).

                    \(keep)
                    """)
            },
            cancelled: { event, to in
                QueuedEmail(to: to, subject: "Cancelled: " + SafeText.line(event.details.title), body: """
                    We are sorry: \(Self.describe(event)) has been cancelled.
                    """)
            })
    }
}
