import Foundation

/// Who manages events, what an event and an RSVP must hold, how the waitlist moves, how the
/// door's search works, and how hard the public RSVP form may be pushed.
///
/// Events are managed by the organisers of their area (``OrganisingPolicy``), as volunteers are.
public enum EventPolicy {
    /// How long an RSVP's confirmation link waits to be followed.
    public static let confirmationSeconds: Int64 = 48 * 60 * 60
    /// RSVPs one client may send in ``floodWindow``: a family on one connection replies
    /// together, a script does not get further.
    public static let requestsPerClient = 5
    /// Seconds an RSVP request counts towards its client's limit.
    public static let floodWindow: Int64 = 60 * 60
    /// How long before the start the reminder goes.
    public static let reminderSeconds: Int64 = 24 * 60 * 60
    /// The shortest name the door may search for: fewer letters would list most of the room.
    public static let searchMinimum = 2
    /// The most RSVPs one search at the door returns.
    public static let searchLimit = 10
    /// The largest capacity an event may have.
    public static let capacityLimit = 10_000

    /// The problems with an event's details, each naming the field and never repeating what was typed.
    public static func problems(with details: EventDetails) -> [String] {
        var problems: [String] = []
        for (field, value, limit) in [("title", details.title, 120), ("place", details.place, 300)] {
            if value.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("\(field): empty") }
            if value.count > limit { problems.append("\(field): longer than \(limit) characters") }
            if value.contains(where: \.isNewline) { problems.append("\(field): one line only") }
        }
        if details.description.count > 2_000 { problems.append("description: longer than 2000 characters") }
        if details.ends <= details.starts { problems.append("ends: not after the start") }
        if details.capacity < 1 || details.capacity > capacityLimit { problems.append("capacity: not between 1 and \(capacityLimit)") }
        return problems
    }

    /// The problems with an RSVP from the public form.
    public static func problems(with request: EventRSVPRequest) -> [String] {
        PublicFormRules.problems(name: request.forenames, field: "forenames") + PublicFormRules.problems(name: request.surname, field: "surname")
            + PublicFormRules.problems(email: request.email)
    }

    /// Why `event` takes no RSVP from the public form at `instant`, in words for the person
    /// who tried; `nil` when it takes one.
    public static func publicRefusal(of event: Event, at instant: Timestamp) -> String? {
        if let closed = closedReason(of: event, at: instant) { return closed }
        if event.details.access == .membersOnly { return "this event is for members only: sign in to Warden as a member to reply" }
        return nil
    }

    /// Why `event` takes no reply from anyone at `instant`; `nil` while it takes replies.
    public static func closedReason(of event: Event, at instant: Timestamp) -> String? {
        if event.cancelled { return "this event has been cancelled" }
        if instant >= event.details.starts { return "this event has already started" }
        return nil
    }

    /// Whether `actor` may reply as a signed-in member, to any event (members-only or not):
    /// their account is a member's own, so the reply is theirs and needs no emailed link.
    public static func mayReplyAsMember(_ actor: Actor) -> Bool {
        actor.personID != nil && actor.grants.contains { $0.role == .member }
    }

    /// Where a new RSVP stands: going while there is a place and nobody waits ahead of it,
    /// waitlisted otherwise (someone waiting keeps their turn).
    public static func newRSVPState(_ numbers: EventNumbers) -> RSVPState {
        numbers.spacesLeft > 0 && numbers.waitlisted == 0 ? .going : .waitlisted
    }

    /// The waitlisted RSVPs that take the places `numbers` has left, first come first served:
    /// by position (the order the RSVPs were confirmed in).
    public static func waitlistOrder(_ waitlisted: [EventRSVP], numbers: EventNumbers) -> [EventRSVP] {
        Array(waitlisted.filter { $0.state == .waitlisted }.sorted { ($0.position, $0.personID) < ($1.position, $1.personID) }.prefix(numbers.spacesLeft))
    }

    /// A stored state as it stands: a going RSVP is a no-show once the event has ended
    /// without them checking in. Computed, so nothing has to run for it to be true.
    public static func state(_ stored: RSVPState, endedBy ended: Bool) -> RSVPState {
        stored == .going && ended ? .noShow : stored
    }

    /// Whether `query` finds `name` at the door: every word of the query begins a word of
    /// the name, case and accents aside.
    public static func matches(_ name: String, query: String) -> Bool {
        let words = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).split(whereSeparator: { $0 == " " || $0 == "-" })
        return query.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).split(separator: " ").allSatisfy { part in
            words.contains { $0.hasPrefix(part) }
        }
    }

    /// The problem with a search at the door, if any.
    public static func problems(withSearch query: String) -> [String] {
        query.trimmingCharacters(in: .whitespaces).count < searchMinimum ? ["name: at least \(searchMinimum) letters"] : []
    }
}
