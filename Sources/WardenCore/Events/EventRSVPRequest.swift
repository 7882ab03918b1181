/// What someone typed into an event's public RSVP form, kept (with nothing else) until they
/// follow the link in their confirmation email: only a followed link records the RSVP, so
/// nobody can RSVP for someone else's address.
public struct EventRSVPRequest: Sendable, Hashable, Codable {
    public var eventID: EventID
    public var forenames: String
    public var surname: String
    public var email: String
    /// Whether they agreed to campaigning email at this address.
    public var emailConsent: Bool

    public init(eventID: EventID, forenames: String, surname: String, email: String, emailConsent: Bool) {
        self.eventID = eventID
        self.forenames = forenames
        self.surname = surname
        self.email = email
        self.emailConsent = emailConsent
    }
}

/// A followed RSVP link: the event and where the RSVP stands (going or waitlisted). Says
/// nothing of whether the address was already known.
public struct EventRSVPConfirmation: Sendable, Hashable {
    public var eventID: EventID
    public var personID: PersonID
    public var state: RSVPState

    public init(eventID: EventID, personID: PersonID, state: RSVPState) {
        self.eventID = eventID
        self.personID = personID
        self.state = state
    }
}
