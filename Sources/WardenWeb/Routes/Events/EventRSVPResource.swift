import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// An event's public page and its RSVP link: no account, no cookie. The page shows what,
/// where, when and the places left, never who is coming; its form answers alike whether or not
/// the address is known, and a flood from one client is refused (429). The link's GET only
/// shows a button, because link scanners follow every link in an email: its POST confirms, and
/// once confirmed the same link's Cancel (a POST) gives the place up.
struct EventRSVPResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.pages.get("events/:id", use: show)
        surfaces.pages.post("events/:id", use: reply)
        surfaces.pages.get("events/rsvp/:token", use: link)
        surfaces.pages.post("events/rsvp/:token", use: confirm)
        surfaces.pages.post("events/rsvp/:token/cancel", use: cancel)
    }

    @Sendable func show(_ request: Request, context: WardenRequestContext) async throws -> Response {
        try await render(try eventID(context), values: [:], context: context)
    }

    @Sendable func reply(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let id = try eventID(context)
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        var values: [String: String] = [:]
        for name in EventPages.Public.textFields { values[name] = fields.first(name) ?? "" }
        let rsvp = EventRSVPRequest(eventID: id, forenames: values["forenames"] ?? "", surname: values["surname"] ?? "",
                                    email: (values["email"] ?? "").trimmingCharacters(in: .whitespaces), emailConsent: fields.first("email_consent") == "Y")
        do {
            try await warden.events.requestRSVP(rsvp, client: context.client)
        } catch WardenError.invalidRequest(let problem) {
            return try await render(id, values: values, problems: [problem], context: context, status: .badRequest)
        }
        return try await render(id, values: [:], sent: true, context: context)
    }

    @Sendable func link(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let token = try token(context)
        var page = EventPages.Link(chrome: Chrome(context), token: token)
        if let held = try await warden.events.rsvp(token: token) {
            let numbers = try await warden.events.publicEvent(held.event.id).numbers
            page.event = EventPages.Summary(held.event, numbers: numbers)
            page.state = held.state.words
            page.cancellable = [.going, .waitlisted].contains(held.state) && !held.event.cancelled
        }
        return try pages.render(page, template: "event-rsvp")
    }

    @Sendable func confirm(_ request: Request, context: WardenRequestContext) async throws -> Response {
        _ = try await request.body.collect(upTo: 4_096)
        let token = try token(context)
        let confirmation = try await warden.events.confirmRSVP(token: token)
        let shown = try await warden.events.publicEvent(confirmation.eventID)
        return try pages.render(EventPages.Link(
            chrome: Chrome(context), token: token, event: EventPages.Summary(shown.event, numbers: shown.numbers), state: confirmation.state.words,
            cancellable: true, said: confirmation.state == .going
                ? "You have a place. We have emailed you to say so."
                : "The event is full: you are on the waiting list. We will email you if a place comes up."), template: "event-rsvp")
    }

    @Sendable func cancel(_ request: Request, context: WardenRequestContext) async throws -> Response {
        _ = try await request.body.collect(upTo: 4_096)
        let token = try token(context)
        let event = try await warden.events.cancelRSVP(token: token)
        let numbers = try await warden.events.publicEvent(event.id).numbers
        return try pages.render(EventPages.Link(chrome: Chrome(context), token: token, event: EventPages.Summary(event, numbers: numbers),
                                                state: RSVPState.cancelled.words, said: "Your reply is cancelled. Thank you for letting us know."),
                                template: "event-rsvp")
    }

    func eventID(_ context: WardenRequestContext) throws -> EventID {
        EventID(try context.pathID(missing: "no such event"))
    }

    func token(_ context: WardenRequestContext) throws -> String {
        guard let token = context.parameters.get("token"), token.count <= 128 else { throw WardenError.notFound("this link is not valid") }
        return token
    }

    func render(_ id: EventID, values: [String: String], problems: [String] = [], sent: Bool = false, context: WardenRequestContext,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let shown = try await warden.events.publicEvent(id)
        let page = EventPages.Public(chrome: Chrome(context), event: EventPages.Summary(shown.event, numbers: shown.numbers), values: values,
                                     problems: problems, hasProblems: !problems.isEmpty,
                                     closed: EventPolicy.publicRefusal(of: shown.event, at: .now), sent: sent)
        return try pages.render(page, template: "event", status: status)
    }
}
