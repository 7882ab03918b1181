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
        var membersOnly: Bool

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
            membersOnly = event.details.access == .membersOnly
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

    /// The organiser's list: each event with its numbers, and the form to make one.
    struct List {
        var chrome: Chrome
        var rows: [Row]
        var none: Bool
        /// The areas the reader organises, for a new event.
        var areas: [Option]

        struct Option { var value: String; var label: String }

        struct Row {
            var id: String
            var title: String
            var area: String
            var when: String
            var capacity: Int
            var going: Int
            var waitlisted: Int
            var cancelled: Bool

            init(_ event: Event, numbers: EventNumbers, area: String) {
                id = event.id.description
                title = event.details.title
                self.area = area
                when = event.details.starts.readable
                capacity = numbers.capacity
                going = numbers.going + numbers.attended + numbers.noShow
                waitlisted = numbers.waitlisted
                cancelled = event.cancelled
            }
        }
    }

    /// One event for its organisers: numbers only.
    struct Manage {
        var chrome: Chrome
        var event: Summary
        var area: String
        var counts: [Count]
        var form: Form

        /// The edit form's values, as the browser's inputs take them (times in UTC).
        struct Form {
            var title: String
            var description: String
            var place: String
            var starts: String
            var ends: String
            var capacity: Int
            var membersOnly: Bool

            init(_ event: Event) {
                title = event.details.title
                description = event.details.description
                place = event.details.place
                starts = String(event.details.starts.description.prefix(16))
                ends = String(event.details.ends.description.prefix(16))
                capacity = event.details.capacity
                membersOnly = event.details.access == .membersOnly
            }
        }

        static func notice(_ done: String) -> String? {
            switch done {
            case "created": "The event is made: its public page is ready to share."
            case "changed": "Saved. Any places a larger capacity opened went to the waiting list, in order, each emailed."
            default: nil
            }
        }
    }

    /// The door, phone-width: search the event's RSVPs by name, check in, add a walk-in.
    struct Door {
        var chrome: Chrome
        var id: String
        var title: String
        var name: String
        var attended: Int
        var going: Int
        var found: [Found] = []
        var searched = false
        var none = false
        var problem: String?

        struct Found {
            var person: String
            var name: String
            var state: String
            var canCheckIn: Bool

            init(_ rsvp: EventRSVP) {
                person = rsvp.personID.description
                name = rsvp.name
                state = rsvp.state.words
                canCheckIn = rsvp.state != .attended
            }
        }

        static func notice(_ done: String) -> String? {
            switch done {
            case "checked-in": "Checked in."
            case "walk-in": "Walk-in added and checked in."
            default: nil
            }
        }
    }

    /// One line of the organiser's numbers.
    struct Count { var label: String; var value: String }

    static func counts(_ numbers: EventNumbers) -> [Count] {
        [Count(label: "Capacity", value: String(numbers.capacity)), .init(label: "Going", value: String(numbers.going)),
         .init(label: "On the waiting list", value: String(numbers.waitlisted)), .init(label: "Attended", value: String(numbers.attended)),
         .init(label: "Did not come", value: String(numbers.noShow)), .init(label: "Cancelled", value: String(numbers.cancelled))]
    }
}
