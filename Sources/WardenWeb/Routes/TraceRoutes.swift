import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The API for changing contact details and for the DPO's investigations and rollbacks.
/// Each service checks the caller's grants and records refusals.
struct TraceRoutes {
    let warden: Warden

    func register(on router: Router<WardenRequestContext>) {
        let api = router.group("api/v1")
        api.patch("people/:id/contact", use: changeContacts)
        api.get("audit/changes", use: changes)
        api.get("audit/contacts", use: contactChanges)
        api.get("audit/people/:id", use: history)
        api.post("rollback", use: rollback)
    }

    struct ContactBody: Decodable {
        var email: String?
        var phone: String?
        var postal: String?
        var reason: String
        var purpose: Purpose?
    }

    struct ChangeResponse: ResponseEncodable {
        var changed: Bool
        var versionID: Int64?
        var fields: [String]
        var notices: Int
    }

    struct RollbackBody: Decodable {
        var account: String
        var from: Timestamp
        var to: Timestamp
        var reason: String
        var force: Bool?
        var dryRun: Bool?
    }

    @Sendable func changeContacts(_ request: Request, context: WardenRequestContext) async throws -> ChangeResponse {
        let actor = try context.requireActor()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WardenError.notFound("no such person") }
        let body: ContactBody
        do {
            body = try await request.decode(as: ContactBody.self, context: context)
        } catch {
            throw WardenError.invalidRequest("expected a JSON object with reason and any of email, phone, postal (empty string removes)")
        }
        var edits: [ContactEdit] = []
        if let email = body.email { edits.append(try ContactEdit(kind: .email, text: email)) }
        if let phone = body.phone { edits.append(try ContactEdit(kind: .phone, text: phone)) }
        if let postal = body.postal { edits.append(try ContactEdit(kind: .postal, text: postal)) }
        let outcome = try await warden.people.changeContacts(
            of: PersonID(rawValue: id), edits: edits, reason: body.reason, actor: actor, purpose: body.purpose ?? .default(for: actor))
        if case .changed(let version, let fields, let notices) = outcome {
            return ChangeResponse(changed: true, versionID: version, fields: fields, notices: notices)
        }
        return ChangeResponse(changed: false, versionID: nil, fields: [], notices: 0)
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

/// A domain value as a JSON response, without making the domain type depend on Hummingbird.
struct JSONBody<Value: Encodable & Sendable>: ResponseEncodable {
    var value: Value

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}
