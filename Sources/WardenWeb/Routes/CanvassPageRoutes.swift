import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The doorstep pages, made for a phone in one hand on a slow connection: no script, small
/// pages, big buttons. A canvasser opens a list, walks it stop by stop, and records each
/// elector's outcome (and, when they spoke, the survey) with a tap or two.
struct CanvassPageRoutes {
    let warden: Warden
    let pages: Pages

    func register(on router: Router<WardenRequestContext>) {
        router.get("canvass", use: home)
        router.get("canvass/lists/:id", use: list)
        router.get("canvass/lists/:id/stops/:position", use: stop)
        router.post("canvass/lists/:id/results", use: record)
    }

    struct HomePage {
        var chrome: Chrome
        var lists: [ListRow]
        var campaigns: [CampaignRow]
        var hasLists = false
        var hasCampaigns = false
    }
    struct ListRow { var id: Int64; var name: String; var doors: Int; var until: String }
    struct CampaignRow { var id: Int64; var name: String; var dates: String }

    struct ListPage {
        var chrome: Chrome
        var id: Int64
        var name: String
        var campaign: String
        var done: Int
        var people: Int
        var stops: [StopRow]
    }
    struct StopRow { var position: Int; var address: String; var street: String; var residents: Int; var done: Bool }

    struct StopPage {
        var chrome: Chrome
        var listID: Int64
        var listName: String
        var position: Int
        var of: Int
        var address: String
        var previous: Int?
        var next: Int?
        var residents: [ResidentRow]
        var parties: [String]
        var certainties: [String]
        var issues: [String]
        var outcomes: [OutcomeButton]
    }
    struct ResidentRow { var id: Int64; var name: String; var elector: String; var last: String? }
    struct OutcomeButton { var value: String; var title: String }

    @Sendable func home(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let lists = try await warden.canvass.heldWalkLists(actor: actor)
        let organises = !AccessPolicy.canvassOrganisingScope(for: actor).isEmpty
        let campaigns = organises ? try await warden.canvass.campaigns() : []
        var page = HomePage(
            chrome: Chrome(context),
            lists: lists.map { ListRow(id: $0.id.rawValue, name: $0.name, doors: $0.doors, until: $0.assignment?.expiresAt.description ?? "") },
            campaigns: campaigns.map { CampaignRow(id: $0.id.rawValue, name: $0.name, dates: "\($0.startsOn) to \($0.endsOn)") })
        page.hasLists = !page.lists.isEmpty
        page.hasCampaigns = !page.campaigns.isEmpty
        return try pages.render(page, template: "canvass")
    }

    @Sendable func list(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let doors = try await warden.canvass.doors(of: try Self.listID(context), actor: actor, purpose: .canvassing)
        var chrome = Chrome(context)
        chrome.warn(doors.budget)
        let list = doors.value
        return try pages.render(ListPage(
            chrome: chrome, id: list.list.id.rawValue, name: list.list.name, campaign: list.campaign.name, done: list.done,
            people: list.people,
            stops: list.stops.map { stop in
                StopRow(position: stop.position, address: stop.household.address.lines.first ?? stop.household.address.singleLine,
                        street: stop.street, residents: stop.residents.count, done: stop.residents.allSatisfy { $0.lastOutcome != nil })
            }), template: "doorstep")
    }

    @Sendable func stop(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        guard let position = context.parameters.get("position", as: Int.self) else { throw WardenError.notFound("no such stop") }
        // Only this household is read: the page shows no other door.
        let list = try await warden.canvass.doors(of: try Self.listID(context), stop: position, actor: actor, purpose: .canvassing).value
        guard let stop = list.stops.first else { throw WardenError.notFound("no such stop") }
        let survey = list.campaign.survey
        return try pages.render(StopPage(
            chrome: Chrome(context), listID: list.list.id.rawValue, listName: list.list.name, position: position, of: list.list.doors,
            address: stop.household.address.singleLine, previous: position > 1 ? position - 1 : nil,
            next: position < list.list.doors ? position + 1 : nil,
            residents: stop.residents.map {
                ResidentRow(id: $0.person.id.rawValue, name: [$0.person.title, $0.person.displayName].compactMap { $0 }.joined(separator: " "),
                            elector: $0.person.electorNumber ?? "", last: $0.lastOutcome?.title)
            },
            parties: survey.parties + Survey.otherIntentions, certainties: Certainty.allCases.map(\.rawValue), issues: survey.issues,
            outcomes: ContactOutcome.allCases.filter { $0 != .spoke }.map { OutcomeButton(value: $0.rawValue, title: $0.title) }),
            template: "stop")
    }

    /// One tap's result. Hand-parsed so repeated `issue` boxes arrive as a list.
    @Sendable func record(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let listID = try Self.listID(context)
        let form = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        guard let expected = context.session?.csrfToken, CSRF.same(expected, form.first("csrf") ?? "") else {
            throw WardenError.forbidden("the form expired; reload the page and try again")
        }
        guard let person = form.first("person").flatMap(Int64.init),
              let outcome = form.first("outcome").flatMap(ContactOutcome.init(rawValue:))
        else { throw WardenError.invalidRequest("person and outcome are required") }
        var answers: SurveyAnswers?
        if outcome == .spoke {
            answers = SurveyAnswers(
                intention: form.nonEmpty("intention"), certainty: form.nonEmpty("certainty").flatMap(Certainty.init(rawValue:)),
                likelihood: form.nonEmpty("likelihood").flatMap(Int.init),
                postalVote: form.nonEmpty("postal").map { $0 == "yes" }, issues: form.all("issue"), notes: form.first("notes") ?? "")
        }
        _ = try await warden.canvass.record(CanvassResult(
            personID: PersonID(person), walkListID: listID, outcome: outcome, channel: .door, answers: answers,
            doNotContact: form.first("dnc") == "yes"), actor: actor)
        let back = form.first("stop").flatMap(Int.init) ?? 1
        return .redirect(to: "/canvass/lists/\(listID.rawValue)/stops/\(back)", type: .normal)
    }

    static func listID(_ context: WardenRequestContext) throws -> WalkListID {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WardenError.notFound("no such walk list") }
        return WalkListID(id)
    }
}

/// An `application/x-www-form-urlencoded` body, keeping repeated names.
struct FormFields {
    let pairs: [(String, String)]

    init(_ body: String) {
        pairs = body.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring?) -> String {
                (text.map { String($0).replacingOccurrences(of: "+", with: " ") } ?? "").removingPercentEncoding ?? ""
            }
            return (decode(parts.first), decode(parts.count > 1 ? parts[1] : nil))
        }
    }

    func first(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }
    func nonEmpty(_ name: String) -> String? { first(name).flatMap { $0.isEmpty ? nil : $0 } }
}
