import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The canvassing API: a canvasser's lists and doors, doorstep results, and a campaign's
/// aggregate dashboard. The services check every call against the caller's grants.
struct CanvassRoutes {
    let warden: Warden

    func register(on router: Router<WardenRequestContext>) {
        let api = router.group("api/v1")
        api.get("walk-lists", use: held)
        api.get("walk-lists/:id", use: doors)
        api.post("canvass/results", use: record)
        api.get("campaigns/:id/dashboard", use: dashboard)
    }

    struct ResultBody: Decodable {
        var person: Int64
        var walkList: Int64
        var outcome: ContactOutcome
        var channel: ContactChannel?
        var answers: SurveyAnswers?
        var doNotContact: Bool?
    }

    struct Recorded: ResponseEncodable {
        var id: Int64
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

    struct DashboardBody: Encodable, Sendable {
        var campaign: String
        var total: Slice
        var areas: [AreaSlice]
        var days: [DaySlice]

        struct Slice: Encodable, Sendable {
            var doors: Int?
            var attempts: Int?
            var spoke: Int?
            var contactRate: Int?
            /// Suppressed counts are `null`.
            var intentions: [String: Int?]
            init(_ tally: CampaignDashboard.Tally) {
                doors = tally.doors
                attempts = tally.attempts
                spoke = tally.spoke
                contactRate = tally.contactRate
                intentions = tally.intentions
            }
        }
        struct AreaSlice: Encodable, Sendable { var area: String; var level: AreaLevel; var tally: Slice }
        struct DaySlice: Encodable, Sendable { var day: CalendarDate; var tally: Slice }
    }

    @Sendable func held(_ request: Request, context: WardenRequestContext) async throws -> JSONBody<[HeldList]> {
        let actor = try context.requireActor()
        let lists = try await warden.canvass.heldWalkLists(actor: actor)
        return JSONBody(value: lists.map { HeldList(id: $0.id, name: $0.name, doors: $0.doors, expiresAt: $0.assignment?.expiresAt) })
    }

    @Sendable func doors(_ request: Request, context: WardenRequestContext) async throws -> JSONBody<Doors> {
        let actor = try context.requireActor()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WardenError.notFound("no such walk list") }
        let doors = try await warden.canvass.doors(of: WalkListID(id), actor: actor, purpose: .canvassing).value
        return JSONBody(value: Doors(list: doors.list.id, name: doors.list.name, campaign: doors.campaign.name,
                                     survey: doors.campaign.survey, stops: doors.stops))
    }

    @Sendable func record(_ request: Request, context: WardenRequestContext) async throws -> EditedResponse<Recorded> {
        let actor = try context.requireActor()
        let body: ResultBody
        do {
            body = try await request.decode(as: ResultBody.self, context: context)
        } catch {
            throw WardenError.invalidRequest("expected person, walkList, outcome (\(ContactOutcome.allCases.map(\.rawValue).joined(separator: ", "))) and optionally answers, channel, doNotContact")
        }
        let id = try await warden.canvass.record(CanvassResult(
            personID: PersonID(body.person), walkListID: WalkListID(body.walkList), outcome: body.outcome,
            channel: body.channel ?? .door, answers: body.answers, doNotContact: body.doNotContact ?? false), actor: actor)
        return EditedResponse(status: .created, response: Recorded(id: id))
    }

    @Sendable func dashboard(_ request: Request, context: WardenRequestContext) async throws -> JSONBody<DashboardBody> {
        let actor = try context.requireActor()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WardenError.notFound("no such campaign") }
        let dashboard = try await warden.canvass.dashboard(CampaignID(id), actor: actor)
        return JSONBody(value: DashboardBody(
            campaign: dashboard.campaign.name, total: .init(dashboard.total),
            areas: dashboard.areas.map { .init(area: $0.area.name, level: $0.area.level, tally: .init($0.tally)) },
            days: dashboard.days.map { .init(day: $0.day, tally: .init($0.tally)) }))
    }
}
