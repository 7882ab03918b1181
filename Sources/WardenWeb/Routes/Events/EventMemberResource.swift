import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// A signed-in member's own reply to an event, members-only or not: no emailed confirmation,
/// because the account is theirs. The GET shows the event and a button; the POST replies and
/// shows the reply's own link, which (as emailed) cancels it.
struct EventMemberResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.signedInPages.get("events/:id/reply", use: form)
        surfaces.on(api: "events/:id/reply", method: .post, page: "events/:id/reply", method: .post, use: reply)
    }

    struct ReplyResponse: ResponseEncodable { var state: RSVPState }

    /// The reply page: the event, and a button.
    struct Form {
        var chrome: Chrome
        var event: EventPages.Summary
        var closed: String?
    }

    @Sendable func form(_ request: Request, context: SignedInContext) async throws -> Response {
        let shown = try await warden.events.publicEvent(EventID(try context.pathID(missing: "no such event")))
        return try pages.render(Form(chrome: Chrome(context), event: EventPages.Summary(shown.event, numbers: shown.numbers),
                                     closed: EventPolicy.closedReason(of: shown.event, at: .now)), template: "event-reply")
    }

    @Sendable func reply(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        if answer == .page { let _: EventBodies.Plain = try await CSRF.checkedForm(request, context: context) }
        let id = EventID(try context.pathID(missing: "no such event"))
        let replied = try await warden.events.replyAsMember(id, actor: context.actor)
        switch answer {
        case .json: return try ReplyResponse(state: replied.state).response(from: request, context: context)
        case .page:
            let shown = try await warden.events.publicEvent(id)
            return try pages.render(EventPages.Link(
                chrome: Chrome(context), token: replied.token, event: EventPages.Summary(shown.event, numbers: shown.numbers), state: replied.state.words,
                cancellable: true, said: replied.state == .going
                    ? "You have a place. We have emailed you the link below, which cancels it."
                    : "The event is full: you are on the waiting list. We will email you if a place comes up."), template: "event-rsvp")
        }
    }
}
