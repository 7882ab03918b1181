import WardenCore

/// What the event pages show: what, where and when, and numbers; never a list of names,
/// except the door's search results, which an organiser of the event's area asked for by name.
enum EventPages {
    /// What the public sees of an event.
    struct Summary {
        var id: String
        var title: String
        var description: String
        var place: String
        var when: String
        var access: String
        var spacesLeft: Int
        var full: Bool
        var cancelled: Bool

        init(_ event: Event, numbers: EventNumbers) {
            id = event.id.description
            title = event.details.title
            description = event.details.description
            place = event.details.place
            when = "\(event.details.starts.readable) to \(event.details.ends.readable)"
            access = event.details.access.words
            spacesLeft = numbers.spacesLeft
            full = numbers.spacesLeft == 0 || numbers.waitlisted > 0
            cancelled = event.cancelled
        }
    }

    /// The public RSVP page, keeping what was typed after a problem.
    struct Public {
        static let textFields = ["forenames", "surname", "email"]

        var chrome: Chrome
        var event: Summary
        var values: [String: String] = [:]
        var problems: [String] = []
        var hasProblems = false
        /// Why this page takes no reply (members only, cancelled, started).
        var closed: String?
        /// The confirmation email is on its way.
        var sent = false
    }

    /// An RSVP's link: confirm (before it is followed), then where it stands and Cancel.
    struct Link {
        var chrome: Chrome
        var token: String
        var event: Summary?
        var state: String?
        /// Whether the RSVP can still be cancelled (going or waitlisted).
        var cancellable = false
        /// What the last POST did, in words.
        var said: String?
    }

    /// One line of the organiser's numbers.
    struct Count { var label: String; var value: String }

    static func counts(_ numbers: EventNumbers) -> [Count] {
        [Count(label: "Capacity", value: String(numbers.capacity)), .init(label: "Going", value: String(numbers.going)),
         .init(label: "On the waiting list", value: String(numbers.waitlisted)), .init(label: "Attended", value: String(numbers.attended)),
         .init(label: "Did not come", value: String(numbers.noShow)), .init(label: "Cancelled", value: String(numbers.cancelled))]
    }
}
