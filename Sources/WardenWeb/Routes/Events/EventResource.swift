import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// Events for their organisers (``OrganisingPolicy`` of the event's area): the list with
/// numbers, making, changing (a larger capacity promotes the waitlist) and cancelling one, one event's numbers (capacity, going, waiting,
/// attended, no-show, cancelled: never a list of names, never a download), and the door,
/// phone-width: a search by name among the event's RSVPs only (each search in the log with
/// whom it found), check-in, and walk-ins.
struct EventResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "events", page: "events", use: list)
        surfaces.on(api: "events", method: .post, page: "events", method: .post, use: create)
        surfaces.on(api: "events/:id", page: "events/:id/manage", use: show)
        surfaces.on(api: "events/:id", method: .patch, page: "events/:id/edit", method: .post, use: edit)
        surfaces.on(api: "events/:id/cancel", method: .post, page: "events/:id/cancel", method: .post, use: cancel)
        surfaces.on(api: "events/:id/rsvps", page: "events/:id/door", use: door)
        surfaces.on(api: "events/:id/check-ins", method: .post, page: "events/:id/check-ins", method: .post, use: checkIn)
        surfaces.on(api: "events/:id/walk-ins", method: .post, page: "events/:id/walk-ins", method: .post, use: walkIn)
    }

    struct Listed: Encodable, Sendable { var event: Event; var numbers: EventNumbers }
    struct ListResponse: ResponseEncodable { var events: [Listed] }
    struct SearchResponse: ResponseEncodable { var rsvps: [EventRSVP] }
    struct CancelledResponse: ResponseEncodable { var emailed: Int }
    struct WalkInResponse: ResponseEncodable { var personID: PersonID }

    func eventID(_ context: SignedInContext) throws -> EventID {
        EventID(try context.pathID(missing: "no such event"))
    }

    @Sendable func list(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let events = try await warden.events.list(actor: context.actor)
        switch answer {
        case .json: return try ListResponse(events: events.map { Listed(event: $0.event, numbers: $0.numbers) }).response(from: request, context: context)
        case .page:
            let all = try await warden.areas.all()
            let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
            let organised = all.filter { OrganisingPolicy.mayOrganise(context.actor, areaChain: Set(Area.chain(from: $0.id, in: byID).map(\.id))) }
                .sorted { ($0.level.depth, $0.name) < ($1.level.depth, $1.name) }
            var chrome = Chrome(context)
            chrome.notice = request.query("done") == "cancelled" ? "The event is cancelled; everyone going or waiting has been emailed." : nil
            return try pages.render(EventPages.List(
                chrome: chrome, rows: events.map { .init($0.event, numbers: $0.numbers, area: byID[$0.event.details.areaID]?.name ?? "") },
                none: events.isEmpty, areas: organised.map { .init(value: $0.code, label: $0.name) }), template: "events")
        }
    }

    @Sendable func create(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let details = try await EventBodies.create(request, context: context, answer: answer, areas: try await warden.areas.all())
        let event = try await warden.events.create(details, actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: event).created(from: request, context: context)
        case .page: return .redirect(to: "/events/\(event.id)/manage?done=created", type: .normal)
        }
    }

    @Sendable func show(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let shown = try await warden.events.numbers(try eventID(context), actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: Listed(event: shown.event, numbers: shown.numbers)).response(from: request, context: context)
        case .page:
            let area = try await warden.areas.all().first { $0.id == shown.event.details.areaID }?.name ?? ""
            var chrome = Chrome(context)
            chrome.notice = request.query("done").flatMap(EventPages.Manage.notice)
            return try pages.render(EventPages.Manage(chrome: chrome, event: EventPages.Summary(shown.event, numbers: shown.numbers), area: area,
                                                      counts: EventPages.counts(shown.numbers), form: EventPages.Manage.Form(shown.event)),
                                    template: "event-manage")
        }
    }

    @Sendable func edit(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = try eventID(context)
        let change = try await EventBodies.change(request, context: context, answer: answer)
        let event = try await warden.events.update(id, actor: context.actor) { details in
            if let title = change.title { details.title = title.trimmingCharacters(in: .whitespaces) }
            if let description = change.description { details.description = description }
            if let place = change.place { details.place = place.trimmingCharacters(in: .whitespaces) }
            if let starts = change.starts { details.starts = starts }
            if let ends = change.ends { details.ends = ends }
            if let capacity = change.capacity { details.capacity = capacity }
            if let access = change.access { details.access = access }
        }
        switch answer {
        case .json: return try JSONBody(value: event).response(from: request, context: context)
        case .page: return .redirect(to: "/events/\(id)/manage?done=changed", type: .normal)
        }
    }

    @Sendable func cancel(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        if answer == .page { let _: EventBodies.Plain = try await CSRF.checkedForm(request, context: context) }
        let emailed = try await warden.events.cancel(try eventID(context), actor: context.actor)
        switch answer {
        case .json: return try CancelledResponse(emailed: emailed).response(from: request, context: context)
        case .page: return .redirect(to: "/events?done=cancelled", type: .normal)
        }
    }

    @Sendable func door(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = try eventID(context)
        let name = request.query("name") ?? ""
        switch answer {
        case .json:
            return try SearchResponse(rsvps: try await warden.events.search(id, name: name, actor: context.actor)).response(from: request, context: context)
        case .page:
            let shown = try await warden.events.numbers(id, actor: context.actor)
            var page = EventPages.Door(chrome: Chrome(context), id: id.description, title: shown.event.details.title, name: name,
                                       attended: shown.numbers.attended, going: shown.numbers.going)
            page.chrome.notice = request.query("done").flatMap(EventPages.Door.notice)
            if !name.isEmpty {
                do {
                    page.found = try await warden.events.search(id, name: name, actor: context.actor).map(EventPages.Door.Found.init)
                    page.searched = true
                    page.none = page.found.isEmpty
                } catch WardenError.invalidRequest(let problem) {
                    page.problem = problem
                }
            }
            return try pages.render(page, template: "event-door")
        }
    }

    @Sendable func checkIn(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = try eventID(context)
        let person = try await EventBodies.checkIn(request, context: context, answer: answer)
        try await warden.events.checkIn(id, person: person, actor: context.actor)
        switch answer {
        case .json: return Response(status: .noContent)
        case .page: return .redirect(to: "/events/\(id)/door?done=checked-in", type: .normal)
        }
    }

    @Sendable func walkIn(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = try eventID(context)
        let body = try await EventBodies.walkIn(request, context: context, answer: answer)
        let person = try await warden.events.addWalkIn(id, forenames: body.forenames, surname: body.surname, email: body.email, actor: context.actor)
        switch answer {
        case .json: return try WalkInResponse(personID: person).response(from: request, context: context)
        case .page: return .redirect(to: "/events/\(id)/door?done=walk-in", type: .normal)
        }
    }
}
