import Hummingbird
import WardenCore
import WardenServices

/// A canvasser's walk lists and their doors: as JSON for a canvassing app, and as the
/// doorstep pages, made for a phone in one hand on a slow connection (no script, small
/// pages, big buttons). The services check every call against the caller's grants.
struct WalkListsResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "walk-lists", page: "canvass", use: held)
        surfaces.onGateChecked(api: "walk-lists/:id", page: "canvass/lists/:id", use: doors)
        surfaces.gateCheckedPage("canvass/lists/:id/stops/:position", use: stop)
    }

    struct HeldList: Encodable, Sendable {
        var id: WalkListID
        var name: String
        var doors: Int
        var expiresAt: Timestamp?
    }

    struct Doors: Encodable, Sendable {
        var list: WalkListID
        var name: String
        var campaign: String
        var survey: Survey
        var stops: [WalkStop]
    }

    /// The lists the caller holds; the page adds the campaigns they organise.
    @Sendable func held(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let lists = try await warden.canvass.heldWalkLists(actor: context.actor)
        switch answer {
        case .json:
            return try JSONBody(value: lists.map { HeldList(id: $0.id, name: $0.name, doors: $0.doors, expiresAt: $0.assignment?.expiresAt) })
                .response(from: request, context: context)
        case .page:
            return try await CanvassHome.render(warden, pages, context: context, request: request)
        }
    }

    @Sendable func doors(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let doors = try await warden.canvass.doors(of: try Self.listID(context), actor: context.actor, purpose: .canvassing)
        let list = doors.value
        switch answer {
        case .json:
            return try JSONBody(value: Doors(list: list.list.id, name: list.list.name, campaign: list.campaign.name,
                                             survey: list.campaign.survey, stops: list.stops))
                .response(from: request, context: context)
        case .page:
            var chrome = Chrome(context)
            chrome.warn(doors.budget)
            return try pages.render(DoorstepPages.List(
                chrome: chrome, id: list.list.id.rawValue, name: list.list.name, campaign: list.campaign.name, done: list.done,
                people: list.people,
                stops: list.stops.map { stop in
                    .init(position: stop.position, address: stop.household.address.lines.first ?? stop.household.address.singleLine,
                          street: stop.street, residents: stop.residents.count, done: stop.residents.allSatisfy { $0.lastOutcome != nil })
                }), template: "doorstep")
        }
    }

    /// One door: its residents with what was last recorded, a tap per outcome, "nobody in"
    /// for the household, and after a save the message and the next resident to ask.
    @Sendable func stop(_ request: Request, context: SignedInContext) async throws -> Response {
        guard let position = context.parameters.get("position", as: Int.self) else { throw WardenError.notFound("no such stop") }
        // Only this household is read: the page shows no other door.
        let list = try await warden.canvass.doors(of: try Self.listID(context), stop: position, actor: context.actor, purpose: .canvassing).value
        guard let stop = list.stops.first else { throw WardenError.notFound("no such stop") }
        let survey = list.campaign.survey
        let saved = Set((request.query("saved") ?? "").split(separator: ",").compactMap { Int64($0) })
        let residents = stop.residents.map {
            DoorstepPages.ResidentRow(id: $0.person.id.rawValue, name: [$0.person.title, $0.person.displayName].compactMap { $0 }.joined(separator: " "),
                                      elector: $0.person.electorNumber ?? "", last: $0.lastOutcome?.title, saved: saved.contains($0.person.id.rawValue))
        }
        let doorDone = residents.allSatisfy { $0.last != nil }
        let next = position < list.list.doors ? position + 1 : nil
        var chrome = Chrome(context)
        chrome.notice = DoorstepPages.savedMessage(saved, residents: residents, doorDone: doorDone, hasNext: next != nil)
            ?? DoorstepPages.undoneMessage(request.query("undone"))
        let undo = residents.filter(\.saved).map(\.id)
        var page = DoorstepPages.Stop(
            chrome: chrome, listID: list.list.id.rawValue, listName: list.list.name, position: position, of: list.list.doors,
            address: stop.household.address.singleLine, previous: position > 1 ? position - 1 : nil, next: next,
            residents: residents, everyone: residents.map(\.id), nextResident: residents.first { $0.last == nil }?.id, doorDone: doorDone,
            parties: survey.parties + Survey.otherIntentions, certainties: Certainty.allCases.map(\.rawValue), issues: survey.issues,
            outcomes: ContactOutcome.allCases.filter { $0 != .spoke }.map { .init(value: $0.rawValue, title: $0.title) })
        page.undo = undo
        page.hasUndo = !undo.isEmpty
        return try pages.render(page, template: "stop")
    }

    /// The walk list the path names.
    static func listID(_ context: some RequestContext) throws -> WalkListID {
        WalkListID(try context.pathID(missing: "no such walk list"))
    }
}
