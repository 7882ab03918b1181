import Hummingbird
import WardenCore
import WardenServices

/// The organiser's forms that give a walk list to a canvasser for some hours, or take it
/// back; both return to the list's campaign page.
struct AssignmentsResource: Resource {
    let warden: Warden

    func register(on surfaces: Surfaces) {
        surfaces.signedInPages.post("canvass/lists/:id/assign", use: assign)
        surfaces.signedInPages.post("canvass/lists/:id/end", use: end)
    }

    struct AssignForm: Decodable, CSRFCarrying { var csrf: String; var username: String; var hours: Int }

    @Sendable func assign(_ request: Request, context: SignedInContext) async throws -> Response {
        let form: AssignForm = try await CSRF.checkedForm(request, context: context)
        let list = try await warden.canvass.assign(try WalkListsResource.listID(context), to: form.username, hours: form.hours, actor: context.actor)
        return .redirect(to: "/campaigns/\(list.campaignID.rawValue)?done=assigned", type: .normal)
    }

    @Sendable func end(_ request: Request, context: SignedInContext) async throws -> Response {
        try await CSRF.check(request, context: context)
        let id = try WalkListsResource.listID(context)
        try await warden.canvass.endAssignment(id, actor: context.actor)
        let list = try await warden.canvass.walkList(id, actor: context.actor)
        return .redirect(to: "/campaigns/\(list.campaignID.rawValue)?done=ended", type: .normal)
    }
}
