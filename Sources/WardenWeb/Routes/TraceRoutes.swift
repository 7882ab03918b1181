import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The API for the DPO's investigations and rollbacks.
/// Each service checks the caller's grants and records refusals.
struct TraceRoutes {
    let warden: Warden

    func register(on router: Router<WardenRequestContext>) {
        let api = router.group("api/v1")
        api.get("audit/changes", use: changes)
        api.get("audit/contacts", use: contactChanges)
        api.get("audit/people/:id", use: history)
        api.post("rollback", use: rollback)
    }

    struct RollbackBody: Decodable {
        var account: String
        var from: Timestamp
        var to: Timestamp
        var reason: String
        var force: Bool?
        var dryRun: Bool?
    }

    @Sendable func changes(_ request: Request, context: WardenRequestContext) async throws -> JSONBody<ChangeReport> {
        let actor = try context.requireActor()
        guard let account = request.uri.queryParameters.get("account") else { throw WardenError.invalidRequest("account: required") }
        let (from, to) = try Self.window(request)
        return JSONBody(value: try await warden.investigations.changes(by: account, from: from, to: to, proofs: try Self.proofs(request), actor: actor))
    }

    @Sendable func contactChanges(_ request: Request, context: WardenRequestContext) async throws -> JSONBody<ChangeReport> {
        let actor = try context.requireActor()
        guard let area = request.uri.queryParameters.get("area", as: Int64.self) else { throw WardenError.invalidRequest("area: an area identifier is required") }
        let (from, to) = try Self.window(request)
        return JSONBody(value: try await warden.investigations.contactChanges(in: AreaID(rawValue: area), from: from, to: to, proofs: try Self.proofs(request), actor: actor))
    }

    @Sendable func history(_ request: Request, context: WardenRequestContext) async throws -> JSONBody<PersonHistory> {
        let actor = try context.requireActor()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WardenError.notFound("no such person") }
        return JSONBody(value: try await warden.investigations.history(of: PersonID(rawValue: id), proofs: try Self.proofs(request), actor: actor))
    }

    @Sendable func rollback(_ request: Request, context: WardenRequestContext) async throws -> JSONBody<RollbackReport> {
        let actor = try context.requireActor()
        let body: RollbackBody
        do {
            body = try await request.decode(as: RollbackBody.self, context: context)
        } catch {
            throw WardenError.invalidRequest("expected account, from, to (ISO 8601), reason, and optionally force, dryRun")
        }
        return JSONBody(value: try await warden.rollback.run(
            account: body.account, from: body.from, to: body.to, reason: body.reason,
            force: body.force ?? false, dryRun: body.dryRun ?? false, actor: actor))
    }

    static func window(_ request: Request) throws -> (Timestamp, Timestamp) {
        guard let from = request.uri.queryParameters.get("from").flatMap(Timestamp.init(iso8601:)),
              let to = request.uri.queryParameters.get("to").flatMap(Timestamp.init(iso8601:))
        else { throw WardenError.invalidRequest("from, to: ISO 8601 instants are required") }
        return (from, to)
    }

    /// `?proofs=true` or `false` (absent is false): a mistyped flag must not silently drop the
    /// proofs an auditor asked for.
    static func proofs(_ request: Request) throws -> Bool {
        try request.flag("proofs")
    }
}
