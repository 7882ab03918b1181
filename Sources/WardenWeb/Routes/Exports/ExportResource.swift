import Hummingbird
import WardenCore
import WardenServices

/// Exports for those who may ask for them and for the DPO who decides: the list with the form
/// to ask, one request with its decision, the encrypted file for a key recipient, and the
/// trace of a leaked file. Each handler serves the API and the page; the service records refusals.
struct ExportResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "exports", page: "exports", use: list)
        surfaces.on(api: "exports", method: .post, page: "exports", method: .post, use: ask)
        surfaces.on(api: "exports/:id", page: "exports/:id", use: show)
        surfaces.on(api: "exports/:id/approve", method: .post, page: "exports/:id/approve", method: .post, use: approve)
        surfaces.on(api: "exports/:id/refuse", method: .post, page: "exports/:id/refuse", method: .post, use: refuse)
        surfaces.on(api: "exports/:id/file", page: "exports/:id/file", use: file)
        surfaces.signedInAPI.post("export-trace", use: trace)
    }

    struct ExportsResponse: ResponseEncodable {
        var exports: [ExportRequest]
        var purposes: [ExportPurpose]
    }

    @Sendable func list(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let exports = try await warden.exports.requests(actor: context.actor)
        let purposes = try await warden.exports.settings().purposes
        switch answer {
        case .json: return try ExportsResponse(exports: exports, purposes: purposes).response(from: request, context: context)
        case .page:
            let all = try await warden.areas.all()
            let scope = AccessPolicy.searchScope(for: context.actor, purpose: Purpose.default(for: context.actor))
            let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
            let askable = all.filter { scope.covers(selectionOf: Set(Area.chain(from: $0.id, in: byID).map(\.id)), membersOnly: true) }
            return try pages.render(ExportPages.List(context, exports: exports, purposes: purposes, areas: askable), template: "exports")
        }
    }

    @Sendable func ask(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let draft = try await ExportBodies.ask(request, context: context, answer: answer)
        let asked = try await warden.exports.request(draft, actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: asked).created(from: request, context: context)
        case .page: return .redirect(to: "/exports/\(asked.id)?done=requested", type: .normal)
        }
    }

    @Sendable func show(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let export = try await warden.exports.request(ExportID(try context.pathID(missing: "no such export")), actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: export).response(from: request, context: context)
        case .page: return try pages.render(ExportPages.One(context, export, done: request.query("done")), template: "export")
        }
    }

    @Sendable func approve(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let body = try await ExportBodies.decide(request, context: context, answer: answer)
        let id = ExportID(try context.pathID(missing: "no such export"))
        let approved = try await warden.exports.approve(id, reason: body.reason, specialCategory: body.specialCategory ?? false,
                                                       overBudget: body.overBudget ?? false, actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: approved).response(from: request, context: context)
        case .page: return .redirect(to: "/exports/\(id)?done=approved", type: .normal)
        }
    }

    @Sendable func refuse(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let body = try await ExportBodies.decide(request, context: context, answer: answer)
        let id = ExportID(try context.pathID(missing: "no such export"))
        let refused = try await warden.exports.refuse(id, reason: body.reason, actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: refused).response(from: request, context: context)
        case .page: return .redirect(to: "/exports/\(id)?done=refused", type: .normal)
        }
    }

    /// The age file for a recipient with a key: only their key opens it.
    @Sendable func file(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let download = try await warden.exports.encryptedFile(ExportID(try context.pathID(missing: "no such export")), actor: context.actor)
        return try ExportLinkResource.attachment(download)
    }

    /// The leaked file is the body (CSV, or any text); the answer names the export and how sure
    /// that is. A body declared as something else (JSON, a form) is refused with 415.
    @Sendable func trace(_ request: Request, context: SignedInContext) async throws -> Response {
        if let type = request.headers[.contentType], !type.lowercased().hasPrefix("text/") {
            throw HTTPError(.unsupportedMediaType, message: "the leaked file goes in the body as text/csv")
        }
        let body = try await request.body.collect(upTo: 64 * 1024 * 1024)
        let report = try await warden.exports.trace(Array(buffer: body), fileName: "the uploaded file", actor: context.actor)
        return try JSONBody(value: report).response(from: request, context: context)
    }
}
