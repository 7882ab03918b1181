public import WardenCore
public import WardenGate

/// Events: the organisers' events and their numbers, the public RSVP form and its emailed
/// link, cancelling (which gives the place to the waitlist, in order), reminders and the
/// door's check-in, each through the Gate and in the log.
public struct EventService: Sendable {
    let gate: Gate

    public func create(_ details: EventDetails, actor: Actor, at instant: Timestamp = .now) async throws -> Event {
        try await gate.createEvent(details, actor: actor, at: instant)
    }

    /// Changes an event's details; a larger capacity gives places to the waitlist, in order.
    public func update(_ id: EventID, actor: Actor, at instant: Timestamp = .now, _ change: (inout EventDetails) -> Void) async throws -> Event {
        try await gate.updateEvent(id, actor: actor, at: instant, change)
    }

    /// Cancels an event and emails everyone going or waiting; returns how many.
    @discardableResult
    public func cancel(_ id: EventID, actor: Actor, at instant: Timestamp = .now) async throws -> Int {
        try await gate.cancelEvent(id, actor: actor, at: instant)
    }

    /// The events of the areas `actor` organises, each with its numbers.
    public func list(actor: Actor, at instant: Timestamp = .now) async throws -> [(event: Event, numbers: EventNumbers)] {
        try await gate.managedEvents(actor: actor, at: instant)
    }

    /// One event's numbers for its organisers: never names.
    public func numbers(_ id: EventID, actor: Actor, at instant: Timestamp = .now) async throws -> (event: Event, numbers: EventNumbers) {
        try await gate.managedEventNumbers(id, actor: actor, at: instant)
    }

    /// The public page's event and the places it has left.
    public func publicEvent(_ id: EventID, at instant: Timestamp = .now) async throws -> (event: Event, numbers: EventNumbers) {
        try await gate.publicEvent(id, at: instant)
    }

    /// Takes an RSVP from the public form and emails its confirmation link. The answer is the
    /// same whether or not the address is known. `client` is kept only as a keyed hash.
    public func requestRSVP(_ request: EventRSVPRequest, client: String, at instant: Timestamp = .now) async throws {
        try await gate.requestRSVP(request, client: client, at: instant)
    }

    /// Follows an RSVP's link: the RSVP is recorded, going or waitlisted.
    @discardableResult
    public func confirmRSVP(token: String, at instant: Timestamp = .now) async throws -> EventRSVPConfirmation {
        try await gate.confirmRSVP(token: token, at: instant)
    }

    /// A signed-in member's own reply: going or waitlisted, and the token of the link that cancels it.
    public func replyAsMember(_ id: EventID, actor: Actor, at instant: Timestamp = .now) async throws -> (state: RSVPState, token: String) {
        try await gate.replyAsMember(id, actor: actor, at: instant)
    }

    /// Where the RSVP a followed link manages stands; `nil` before the link is followed.
    public func rsvp(token: String) async throws -> (event: Event, state: RSVPState)? {
        try await gate.rsvp(token: token)
    }

    @discardableResult
    public func cancelRSVP(token: String, at instant: Timestamp = .now) async throws -> Event {
        try await gate.cancelRSVP(token: token, at: instant)
    }

    /// Queues the day-before reminders not yet sent; returns how many.
    @discardableResult
    public func queueReminders(actor: Actor, at instant: Timestamp = .now) async throws -> Int {
        try await gate.queueEventReminders(actor: actor, at: instant)
    }

    /// Gives places freed other than by a cancellation (an erasure removes a reply with no
    /// cancellation to promote anyone) to the waiting, in order; returns whom.
    @discardableResult
    public func fillFreedPlaces(actor: Actor, at instant: Timestamp = .now) async throws -> [PersonID] {
        try await gate.fillFreedEventPlaces(actor: actor, at: instant)
    }

    /// Deletes the RSVP requests whose links expired unfollowed; returns how many.
    @discardableResult
    public func expireRequests(at instant: Timestamp = .now) async throws -> Int {
        try await gate.expireRSVPRequests(at: instant)
    }

    public func search(_ id: EventID, name: String, actor: Actor, at instant: Timestamp = .now) async throws -> [EventRSVP] {
        try await gate.searchAtDoor(id, query: name, actor: actor, at: instant)
    }

    public func checkIn(_ id: EventID, person: PersonID, actor: Actor, at instant: Timestamp = .now) async throws {
        try await gate.checkIn(id, person: person, actor: actor, at: instant)
    }

    @discardableResult
    public func addWalkIn(_ id: EventID, forenames: String, surname: String, email: String?, actor: Actor, at instant: Timestamp = .now) async throws -> PersonID {
        try await gate.addWalkIn(id, forenames: forenames, surname: surname, email: email, actor: actor, at: instant)
    }
}
