public import WardenCore

/// Events, their RSVPs and the public form's RSVPs waiting for their link.
///
/// SPI: only the Gate reaches these, as it reaches every person. Each write is one
/// transaction with its audit entry; a write that frees places promotes the waitlist, in
/// order, and queues each promoted person's email in the same transaction.
@_spi(Gate) public protocol EventStore: Sendable {
    func createEvent(_ details: EventDetails, audit: AuditEvent) async throws -> Event
    /// Saves `event`'s details; places a larger capacity opened go to the waitlist (``EventPolicy/waitlistOrder``).
    func updateEvent(_ event: Event, mail: EventMail, audit: AuditEvent) async throws -> [PersonID]
    /// Cancels the event and emails everyone going or waiting; returns how many were emailed.
    func cancelEvent(_ id: EventID, mail: EventMail, audit: AuditEvent) async throws -> Int
    func event(_ id: EventID) async throws -> Event?
    /// The events of `areas`, soonest first, each with its numbers at `instant`, in one read.
    func events(in areas: Set<AreaID>, at instant: Timestamp) async throws -> [(event: Event, numbers: EventNumbers)]
    /// The event and how many are going, waiting, came, did not come, cancelled at `instant`:
    /// numbers, no names, in one read; `nil` when there is no such event.
    func eventNumbers(_ id: EventID, at instant: Timestamp) async throws -> (event: Event, numbers: EventNumbers)?

    /// RSVPs from the client with keyed hash `client` since `since`, for the flood limit.
    func rsvpRequests(fromClient client: [UInt8], since: Timestamp) async throws -> Int
    /// Keeps `pending` until its link is followed and queues the email with that link, with `audit`.
    func addRSVPRequest(_ pending: PendingRSVPRequest, email: QueuedEmail, audit: AuditEvent) async throws
    /// Deletes the requests whose links expired unfollowed; returns how many.
    func expireRSVPRequests(before instant: Timestamp) async throws -> Int
    /// Records the RSVP whose request's token hashes to `tokenHash` (the person matched or
    /// made by ``FormPerson``), going or waitlisted, and queues the email saying which; `nil`
    /// when no unexpired request has that token.
    func confirmRSVP(tokenHash: [UInt8], mail: EventMail, audit: AuditEvent) async throws -> EventRSVPConfirmation?
    /// Records a signed-in member's own RSVP, going or waitlisted, and emails it with its cancel
    /// link (`tokenHash`) to their first email address, if they have one; their standing is
    /// checked in the same transaction.
    func memberRSVP(_ id: EventID, person: PersonID, tokenHash: [UInt8], mail: EventMail, audit: AuditEvent, standing: AccessStanding?) async throws -> RSVPState
    /// The event and state at `instant` of the RSVP whose cancel link's token hashes to `tokenHash`.
    func rsvp(manageTokenHash tokenHash: [UInt8], at instant: Timestamp) async throws -> (event: Event, state: RSVPState)?
    /// Cancels that RSVP and promotes the waitlist; `nil` when no RSVP has that link.
    func cancelRSVP(manageTokenHash tokenHash: [UInt8], mail: EventMail, audit: AuditEvent) async throws -> (event: Event, promoted: [PersonID])?
    /// Gives the places free at `instant` in events not yet ended to their waiting lists, in
    /// order (a place an erasure freed has no cancellation to promote it); returns whom.
    func fillFreedPlaces(at instant: Timestamp, mail: EventMail, audit: AuditEvent) async throws -> [PersonID]
    /// Queues one reminder to each going RSVP of an uncancelled event starting after `after`
    /// and by `by`, once; returns how many.
    func queueReminders(startingAfter after: Timestamp, by: Timestamp, mail: EventMail, audit: AuditEvent) async throws -> Int

    /// The event's RSVPs whose names match `query` (``EventPolicy/matches(_:query:)``), at
    /// most ``EventPolicy/searchLimit``, with `audit` naming them.
    func searchRSVPs(_ id: EventID, query: String, audit: AuditEvent) async throws -> [EventRSVP]
    /// Marks the person's RSVP attended; `false` (recorded as refused) when they have none to check in.
    func checkIn(_ id: EventID, person: PersonID, audit: AuditEvent) async throws -> Bool
    /// Records someone who came without an RSVP as attended: matched by `email` or a new person.
    func addWalkIn(_ id: EventID, forenames: String, surname: String, email: String?, audit: AuditEvent) async throws -> PersonID
}

/// An RSVP from the public form waiting for its confirmation link.
@_spi(Gate) public struct PendingRSVPRequest: Sendable {
    public var request: EventRSVPRequest
    public var tokenHash: [UInt8]
    public var clientHash: [UInt8]
    public var createdAt: Timestamp
    public var expiresAt: Timestamp

    public init(request: EventRSVPRequest, tokenHash: [UInt8], clientHash: [UInt8], createdAt: Timestamp, expiresAt: Timestamp) {
        self.request = request
        self.tokenHash = tokenHash
        self.clientHash = clientHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// The emails an event's writes queue, written by the Gate and addressed by the store to the
/// people the write reached (whom only the transaction knows).
@_spi(Gate) public struct EventMail: Sendable {
    /// Where a just-confirmed RSVP stands, with its cancel link.
    public var confirmed: @Sendable (_ event: Event, _ state: RSVPState, _ to: String) -> QueuedEmail
    /// A waitlisted person now has a place.
    public var placeCameUp: @Sendable (_ event: Event, _ to: String) -> QueuedEmail
    /// The event is tomorrow.
    public var reminder: @Sendable (_ event: Event, _ to: String) -> QueuedEmail
    /// The event is off.
    public var cancelled: @Sendable (_ event: Event, _ to: String) -> QueuedEmail

    public init(confirmed: @escaping @Sendable (Event, RSVPState, String) -> QueuedEmail, placeCameUp: @escaping @Sendable (Event, String) -> QueuedEmail,
                reminder: @escaping @Sendable (Event, String) -> QueuedEmail, cancelled: @escaping @Sendable (Event, String) -> QueuedEmail) {
        self.confirmed = confirmed
        self.placeCameUp = placeCameUp
        self.reminder = reminder
        self.cancelled = cancelled
    }
}
