import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// Changing a membership's status (resign, suspend, expel, reinstate …): the membership
/// secretary's form on a member's page and its API twin. The service checks the grant and
/// the lifecycle, versions the change and records it.
struct MembershipRoutes {
    let warden: Warden

    func register(on router: Router<WardenRequestContext>) {
        router.post("api/v1/people/:id/membership", use: changeByAPI)
        router.post("people/:id/membership", use: changeByForm)
    }

    struct ChangeBody: Decodable {
        var event: MembershipEvent
        var reason: String
    }

    struct ChangeForm: Decodable, CSRFCarrying {
        var csrf: String
        var event: String
        var reason: String
    }

    struct ChangeResponse: ResponseEncodable {
        var from: MembershipStatus
        var to: MembershipStatus
    }

    @Sendable func changeByAPI(_ request: Request, context: WardenRequestContext) async throws -> ChangeResponse {
        let actor = try context.requireActor()
        let body: ChangeBody
        do {
            body = try await request.decode(as: ChangeBody.self, context: context)
        } catch {
            throw WardenError.invalidRequest("expected event (\(MembershipEvent.allCases.map(\.rawValue).joined(separator: ", "))) and reason")
        }
        let moved = try await warden.people.changeMembership(of: try person(context), event: body.event, reason: body.reason, actor: actor)
        return ChangeResponse(from: moved.from, to: moved.to)
    }

    @Sendable func changeByForm(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let form: ChangeForm = try await CSRF.checkedForm(request, context: context)
        guard let event = MembershipEvent(rawValue: form.event) else { throw WardenError.invalidRequest("event: not a membership change") }
        let id = try person(context)
        let moved = try await warden.people.changeMembership(of: id, event: event, reason: form.reason, actor: actor)
        return .redirect(to: "/people/\(id.rawValue)?changed=\(moved.to.rawValue)", type: .normal)
    }

    func person(_ context: WardenRequestContext) throws -> PersonID {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WardenError.notFound("no such member, or not one you may change") }
        return PersonID(rawValue: id)
    }
}
