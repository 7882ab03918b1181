public import Hummingbird
import HTTPTypes
public import WardenCore
import WardenServices

/// The JSON API under `/api/v1`, described by `/api/v1/openapi.json`.
///
/// Every route but signing in and the OpenAPI document needs a session; people are
/// reached only through the services, which go through the Gate.
struct APIRoutes {
    let warden: Warden
    let pages: Pages

    func register(on router: Router<WardenRequestContext>) {
        let api = router.group("api/v1")
        api.get("openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers[.cacheControl] = "public, max-age=300"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: pages.openAPIDocument)))
        }
        api.post("session", use: signIn)
        api.delete("session", use: signOut)
        api.get("me", use: me)
        api.get("people", use: searchPeople)
        api.get("people/:id", use: person)
        api.get("areas", use: areas)
        api.get("areas/:id", use: area)
        api.get("stats", use: stats)
    }

    struct SignInRequest: Decodable {
        var username: String
        var password: String
        var totp: String?
    }

    struct SessionResponse: ResponseEncodable {
        var token: String
        var tokenType = "Bearer"
        var expiresAt: Timestamp
        var username: String
        var roles: [Role]
    }

    struct MeResponse: ResponseEncodable {
        var username: String
        var roles: [Role]
    }

    struct PeopleResponse: ResponseEncodable {
        var people: [PersonView]
    }

    struct AreasResponse: ResponseEncodable {
        var areas: [Area]
    }

    @Sendable func signIn(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let body: SignInRequest
        do {
            body = try await request.decode(as: SignInRequest.self, context: context)
        } catch {
            throw WardenError.invalidRequest("expected a JSON object with username and password")
        }
        let signedIn = try await warden.authentication.signIn(
            username: body.username, password: body.password, secondFactor: body.totp, client: context.client)
        return try SessionResponse(
            token: signedIn.token, expiresAt: signedIn.expiresAt, username: body.username,
            roles: signedIn.actor.roles.sorted { $0.rawValue < $1.rawValue }
        ).response(from: request, context: context)
    }

    @Sendable func signOut(_ request: Request, context: WardenRequestContext) async throws -> HTTPResponse.Status {
        let actor = try context.requireActor()
        guard let session = context.session else { throw WardenError.unauthenticated }
        try await warden.authentication.signOut(token: session.token, actor: actor)
        return .noContent
    }

    @Sendable func me(_ request: Request, context: WardenRequestContext) async throws -> MeResponse {
        let actor = try context.requireActor()
        return MeResponse(username: actor.label, roles: actor.roles.sorted { $0.rawValue < $1.rawValue })
    }

    @Sendable func searchPeople(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let query = PeopleQuery(
            text: request.uri.queryParameters.get("q") ?? "",
            areaID: try request.identifier("area").map(AreaID.init(rawValue:)),
            limit: try request.identifier("limit").map { Int(clamping: $0) } ?? 50)
        let reading = try await warden.people.search(query, actor: actor, purpose: purpose(of: request, for: actor))
        return try Self.withBudget(PeopleResponse(people: reading.value), reading.budget, request: request, context: context)
    }

    @Sendable func person(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WardenError.notFound("no such person, or not one you may see") }
        let reading = try await warden.people.person(PersonID(rawValue: id), actor: actor, purpose: purpose(of: request, for: actor))
        return try Self.withBudget(reading.value, reading.budget, request: request, context: context)
    }

    /// The response with the reader's budget in `Warden-Read-Budget` (used/limit) and, past
    /// 80%, a warning in `Warden-Read-Budget-Warning`.
    static func withBudget(
        _ value: some ResponseEncodable, _ budget: ReadBudgetStatus?, request: Request, context: WardenRequestContext
    ) throws -> Response {
        var response = try value.response(from: request, context: context)
        if let budget {
            response.headers[budgetHeader] = "\(budget.used)/\(budget.limit)"
            if budget.isNearlySpent {
                response.headers[budgetWarningHeader] = "\(budget.used) of today's \(budget.limit) people read"
            }
        }
        return response
    }

    static var budgetHeader: HTTPField.Name { .constant("Warden-Read-Budget") }
    static var budgetWarningHeader: HTTPField.Name { .constant("Warden-Read-Budget-Warning") }

    @Sendable func areas(_ request: Request, context: WardenRequestContext) async throws -> AreasResponse {
        _ = try context.requireActor()
        return AreasResponse(areas: try await warden.areas.all())
    }

    @Sendable func area(_ request: Request, context: WardenRequestContext) async throws -> AreaSummary {
        _ = try context.requireActor()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WardenError.notFound("no such area") }
        return try await warden.areas.summary(AreaID(rawValue: id))
    }

    @Sendable func stats(_ request: Request, context: WardenRequestContext) async throws -> StoreCounts {
        _ = try context.requireActor()
        return try await warden.people.counts()
    }

    /// The purpose the client states (`?purpose=`), else the one that goes with the actor's role.
    func purpose(of request: Request, for actor: Actor) throws -> Purpose {
        if let stated = request.uri.queryParameters.get("purpose") {
            guard let purpose = Purpose(rawValue: stated) else {
                throw WardenError.invalidRequest("purpose: one of \(Purpose.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return purpose
        }
        return Purpose.default(for: actor)
    }
}

extension PersonView: ResponseEncodable {}
extension AreaSummary: ResponseEncodable {}
extension StoreCounts: ResponseEncodable {}
