import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// What the organisers' event steps are given: a JSON body on the API, a CSRF-checked form on
/// the pages, both read into the same values.
enum EventBodies {
    /// An event as the API takes it; times in ISO 8601.
    struct Create: Decodable {
        var title: String
        var description: String?
        var place: String
        var areaCode: String
        var starts: Timestamp
        var ends: Timestamp
        var capacity: Int
        var access: EventAccess
    }

    struct CreateForm: Decodable, CSRFCarrying {
        var csrf: String
        var title: String
        var description: String?
        var place: String
        var area: String
        /// `YYYY-MM-DDTHH:MM` from the browser's datetime-local input, read as UTC.
        var starts: String
        var ends: String
        var capacity: String
        var access: String
    }

    static func create(_ request: Request, context: SignedInContext, answer: Answer, areas: [Area]) async throws -> EventDetails {
        let (title, description, place, code, starts, ends, capacity, access): (String, String, String, String, Timestamp, Timestamp, Int, EventAccess)
        switch answer {
        case .json:
            let body = try await request.json(Create.self, context: context, expected: """
                expected title, place, areaCode, starts and ends (ISO 8601), capacity, access (public or members_only) and optionally description
                """)
            (title, description, place, code, starts, ends, capacity, access) =
                (body.title, body.description ?? "", body.place, body.areaCode, body.starts, body.ends, body.capacity, body.access)
        case .page:
            let form: CreateForm = try await CSRF.checkedForm(request, context: context)
            let times = try schedule(starts: form.starts, ends: form.ends, capacity: form.capacity, access: form.access)
            (title, description, place, code, starts, ends, capacity, access) =
                (form.title, (form.description ?? "").replacingOccurrences(of: "\r\n", with: "\n"), form.place, form.area,
                 times.starts, times.ends, times.capacity, times.access)
        }
        guard let area = areas.first(where: { $0.code == code.trimmingCharacters(in: .whitespaces) }) else {
            throw WardenError.invalidRequest("areaCode: no area with that code")
        }
        return EventDetails(title: title.trimmingCharacters(in: .whitespaces), description: description, place: place.trimmingCharacters(in: .whitespaces),
                            areaID: area.id, starts: starts, ends: ends, capacity: capacity, access: access)
    }

    /// The fields the make and change forms share, as the browser sends them, checked alike.
    static func schedule(starts: String, ends: String, capacity: String, access: String) throws
        -> (starts: Timestamp, ends: Timestamp, capacity: Int, access: EventAccess) {
        guard let from = time(starts) else { throw WardenError.invalidRequest("starts: not a date and time") }
        guard let to = time(ends) else { throw WardenError.invalidRequest("ends: not a date and time") }
        guard let places = Int(capacity) else { throw WardenError.invalidRequest("capacity: not a number") }
        guard let kind = EventAccess(rawValue: access) else { throw WardenError.invalidRequest("access: public or members_only") }
        return (from, to, places, kind)
    }

    /// A browser's `datetime-local` value (seconds optional), or a full ISO 8601 time.
    static func time(_ text: String) -> Timestamp? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return Timestamp(iso8601: trimmed) ?? Timestamp(iso8601: trimmed + ":00Z") ?? Timestamp(iso8601: trimmed + "Z")
    }

    /// A change to an event as the API takes it: only the fields given change.
    struct Change: Decodable {
        var title: String?
        var description: String?
        var place: String?
        var starts: Timestamp?
        var ends: Timestamp?
        var capacity: Int?
        var access: EventAccess?
    }

    /// The edit form: every field, as the page filled them in.
    struct ChangeForm: Decodable, CSRFCarrying {
        var csrf: String
        var title: String
        var description: String?
        var place: String
        var starts: String
        var ends: String
        var capacity: String
        var access: String
    }

    static func change(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Change {
        switch answer {
        case .json:
            return try await request.json(Change.self, context: context, expected: """
                expected any of title, description, place, starts and ends (ISO 8601), capacity, access (public or members_only)
                """)
        case .page:
            let form: ChangeForm = try await CSRF.checkedForm(request, context: context)
            let times = try schedule(starts: form.starts, ends: form.ends, capacity: form.capacity, access: form.access)
            return Change(title: form.title, description: (form.description ?? "").replacingOccurrences(of: "\r\n", with: "\n"), place: form.place,
                          starts: times.starts, ends: times.ends, capacity: times.capacity, access: times.access)
        }
    }

    /// A walk-in as the API takes it.
    struct WalkIn: Decodable {
        var forenames: String
        var surname: String
        var email: String?
    }

    struct WalkInForm: Decodable, CSRFCarrying {
        var csrf: String
        var forenames: String
        var surname: String
        var email: String?
    }

    static func walkIn(_ request: Request, context: SignedInContext, answer: Answer) async throws -> WalkIn {
        switch answer {
        case .json:
            return try await request.json(WalkIn.self, context: context, expected: "expected forenames, surname and optionally email")
        case .page:
            let form: WalkInForm = try await CSRF.checkedForm(request, context: context)
            let email = form.email?.trimmingCharacters(in: .whitespaces)
            return WalkIn(forenames: form.forenames, surname: form.surname, email: email?.isEmpty == false ? email : nil)
        }
    }

    /// A check-in: the person the door's search found.
    struct CheckIn: Decodable { var personID: Int64 }
    struct CheckInForm: Decodable, CSRFCarrying { var csrf: String; var person: String }

    static func checkIn(_ request: Request, context: SignedInContext, answer: Answer) async throws -> PersonID {
        switch answer {
        case .json:
            return PersonID(rawValue: try await request.json(CheckIn.self, context: context, expected: "expected personID").personID)
        case .page:
            let form: CheckInForm = try await CSRF.checkedForm(request, context: context)
            guard let id = Int64(form.person) else { throw WardenError.invalidRequest("person: not a person's identifier") }
            return PersonID(rawValue: id)
        }
    }

    struct Plain: Decodable, CSRFCarrying { var csrf: String }
}
