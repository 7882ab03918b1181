import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// Volunteers for those who organise their areas: the list (by area, skill and status), a
/// volunteer's status, skills and availability, and the request for their canvasser account;
/// and, for administrators, the requests waiting to be opened or declined. Each goes through
/// the Gate, which records who saw and changed whom.
struct VolunteerResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "volunteers", page: "volunteers", use: list)
        surfaces.signedInAPI.post("volunteers", use: record)
        surfaces.on(api: "volunteers/:id", method: .patch, page: "volunteers/:id", method: .post, use: change)
        surfaces.on(api: "volunteers/:id/canvasser-account", method: .post, page: "volunteers/:id/canvasser-account", method: .post, use: askForAccount)
        surfaces.signedInAPI.get("canvasser-accounts", use: asks)
        surfaces.on(api: "canvasser-accounts/:username", method: .post, page: "canvasser-accounts/:username", method: .post, use: open)
        surfaces.on(api: "canvasser-accounts/:username/decline", method: .post, page: "canvasser-accounts/:username/decline", method: .post,
                    use: decline)
    }

    struct VolunteersResponse: ResponseEncodable { var volunteers: [Volunteer] }
    struct AsksResponse: ResponseEncodable { var asks: [CanvasserAccountAsk] }
    struct OpenedResponse: ResponseEncodable { var username: String; var accountID: Int64 }

    @Sendable func list(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let filter = try VolunteerBodies.filter(request)
        let areaCode = request.query("area").flatMap { $0.isEmpty ? nil : $0 }
        let volunteers = try await warden.volunteers.list(areaCode: areaCode, filter: filter, actor: context.actor)
        switch answer {
        case .json: return try VolunteersResponse(volunteers: volunteers).response(from: request, context: context)
        case .page:
            let areas = Dictionary(uniqueKeysWithValues: try await warden.areas.all().map { ($0.id, $0) })
            var chrome = Chrome(context)
            chrome.notice = request.query("done").flatMap(VolunteerPages.notice)
            return try pages.render(VolunteerPages.List(chrome: chrome, volunteers: volunteers, areas: areas, actor: context.actor,
                                                        areaCode: areaCode, filter: filter), template: "volunteers")
        }
    }

    @Sendable func record(_ request: Request, context: SignedInContext) async throws -> Response {
        let body = try await request.json(VolunteerBodies.Record.self, context: context, expected: """
            expected personID, areaCode, skills (a list) and optionally availability
            """)
        let volunteer = try await warden.volunteers.record(PersonID(body.personID), areaCode: body.areaCode, skills: body.skills,
                                                           availability: body.availability ?? "", actor: context.actor)
        return try JSONBody(value: volunteer).created(from: request, context: context)
    }

    @Sendable func change(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let person = PersonID(rawValue: try context.pathID(missing: "no such volunteer"))
        let change = try await VolunteerBodies.change(request, context: context, answer: answer)
        let volunteer = try await warden.volunteers.change(person, status: change.status, skills: change.skills, availability: change.availability,
                                                           actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: volunteer).response(from: request, context: context)
        case .page: return .redirect(to: "/volunteers?done=changed", type: .normal)
        }
    }

    @Sendable func askForAccount(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let person = PersonID(rawValue: try context.pathID(missing: "no such volunteer"))
        let username = try await VolunteerBodies.username(request, context: context, answer: answer)
        let volunteer = try await warden.volunteers.askForCanvasserAccount(person, username: username, actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: volunteer).response(from: request, context: context)
        case .page: return .redirect(to: "/volunteers?done=asked", type: .normal)
        }
    }

    @Sendable func asks(_ request: Request, context: SignedInContext) async throws -> AsksResponse {
        AsksResponse(asks: try await warden.volunteers.canvasserAccountAsks(actor: context.actor))
    }

    @Sendable func open(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let username = try asked(context)
        let password = try await VolunteerBodies.password(request, context: context, answer: answer)
        let account = try await warden.volunteers.openCanvasserAccount(username: username, password: password, actor: context.actor)
        switch answer {
        case .json: return try OpenedResponse(username: username, accountID: account.rawValue).response(from: request, context: context)
        case .page: return .redirect(to: "/access?done=volunteer-account", type: .normal)
        }
    }

    @Sendable func decline(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let username = try asked(context)
        try await answer.checkForgery(request, context: context)
        try await warden.volunteers.declineCanvasserAccount(username: username, actor: context.actor)
        switch answer {
        case .json: return Response(status: .noContent)
        case .page: return .redirect(to: "/access?done=volunteer-declined", type: .normal)
        }
    }

    private func asked(_ context: SignedInContext) throws -> String {
        guard let username = context.parameters.get("username"), Username.isValid(username) else {
            throw WardenError.notFound("no canvasser account was asked for under that name")
        }
        return username
    }
}
