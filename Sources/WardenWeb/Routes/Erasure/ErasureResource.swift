import Hummingbird
import WardenCore
import WardenServices

/// Erasures for the DPO: the list (requests waiting for a second person first), asking for
/// one, and approving (which carries it out) or refusing it. Each handler serves the API and
/// the page; the service and the Gate check the caller and record refusals.
struct ErasureResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "erasures", page: "erasures", use: list)
        surfaces.on(api: "erasures", method: .post, page: "erasures", method: .post, use: request)
        surfaces.on(api: "erasures/:id", page: "erasures/:id", use: show)
        surfaces.on(api: "erasures/:id/approve", method: .post, page: "erasures/:id/approve", method: .post, use: approve)
        surfaces.on(api: "erasures/:id/refuse", method: .post, page: "erasures/:id/refuse", method: .post, use: refuse)
        surfaces.on(api: "retention", page: "retention", use: retention)
    }

    struct RetentionResponse: ResponseEncodable {
        var plan: RetentionPlan
        var lastRun: Timestamp?
    }

    /// What the retention schedule would remove now, in counts, and when it last ran: the
    /// DPO's check that nothing is held past its period unnoticed.
    @Sendable func retention(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let plan = try await warden.retention.plan(actor: context.actor)
        let lastRun = try await warden.retention.lastRun()
        switch answer {
        case .json: return try RetentionResponse(plan: plan, lastRun: lastRun).response(from: request, context: context)
        case .page: return try pages.render(ErasurePages.Retention(context, plan: plan, lastRun: lastRun), template: "retention")
        }
    }

    struct ErasuresResponse: ResponseEncodable { var erasures: [Erasure] }

    @Sendable func list(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let erasures = try await warden.erasures.erasures(actor: context.actor)
        switch answer {
        case .json: return try ErasuresResponse(erasures: erasures).response(from: request, context: context)
        case .page:
            return try pages.render(ErasurePages.List(context, erasures: erasures, person: request.query("person")),
                                    template: "erasures")
        }
    }

    @Sendable func request(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let asked = try await ErasureBodies.request(request, context: context, answer: answer)
        let erasure = try await warden.erasures.request(person: asked.person, reason: asked.reason, suppress: asked.suppress, actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: erasure).created(from: request, context: context)
        case .page: return .redirect(to: "/erasures/\(erasure.id)?done=requested", type: .normal)
        }
    }

    @Sendable func show(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let erasure = try await warden.erasures.erasure(ErasureID(try context.pathID(missing: "no such erasure")), actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: erasure).response(from: request, context: context)
        case .page:
            return try pages.render(ErasurePages.One(context, erasure: erasure, done: request.query("done")), template: "erasure")
        }
    }

    /// Carries the erasure out: the second person's approval is the act.
    @Sendable func approve(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        try await ErasureBodies.confirmation(request, context: context, answer: answer)
        let id = ErasureID(try context.pathID(missing: "no such erasure"))
        let done = try await warden.erasures.approve(id, actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: done.outcome).response(from: request, context: context)
        case .page: return .redirect(to: "/erasures/\(id)?done=erased", type: .normal)
        }
    }

    @Sendable func refuse(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let reason = try await ErasureBodies.refusal(request, context: context, answer: answer)
        let id = ErasureID(try context.pathID(missing: "no such erasure"))
        let refused = try await warden.erasures.refuse(id, reason: reason, actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: refused).response(from: request, context: context)
        case .page: return .redirect(to: "/erasures/\(id)?done=refused", type: .normal)
        }
    }
}
