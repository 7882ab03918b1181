import Hummingbird
import WardenCore
import WardenServices

/// Changing a membership's status (resign, suspend, expel, reinstate …): the membership
/// secretary's form on a member's page and its API twin, through one handler. The service
/// checks the grant and the lifecycle, versions the change and records it.
struct MembershipResource: Resource {
    let warden: Warden

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "people/:id/membership", method: .post, page: "people/:id/membership", method: .post, use: change)
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

    /// The API answers with the move made; the form goes back to the member's page, which
    /// says what changed.
    @Sendable func change(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let (event, reason) = try await Self.asked(request, context: context, answer: answer)
        let id = PersonID(rawValue: try context.pathID(missing: "no such member, or not one you may change"))
        let moved = try await warden.people.changeMembership(of: id, event: event, reason: reason, actor: context.actor)
        switch answer {
        case .json: return try ChangeResponse(from: moved.from, to: moved.to).response(from: request, context: context)
        case .page: return .redirect(to: "/people/\(id.rawValue)?changed=\(moved.to.rawValue)", type: .normal)
        }
    }

    /// The event and reason, from the JSON body or the CSRF-checked form.
    static func asked(_ request: Request, context: SignedInContext, answer: Answer) async throws -> (MembershipEvent, String) {
        switch answer {
        case .json:
            let body = try await request.json(
                ChangeBody.self, context: context,
                expected: "expected event (\(MembershipEvent.allCases.map(\.rawValue).joined(separator: ", "))) and reason")
            return (body.event, body.reason)
        case .page:
            let form: ChangeForm = try await CSRF.checkedForm(request, context: context)
            guard let event = MembershipEvent(rawValue: form.event) else { throw WardenError.invalidRequest("event: not a membership change") }
            return (event, form.reason)
        }
    }
}
