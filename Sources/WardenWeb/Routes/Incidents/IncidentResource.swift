import Hummingbird
import WardenCore
import WardenServices

/// Incidents for the DPO: the list and opening one; one incident with its clock, its findings
/// (fresh from the log each time), the report in phases, and the notice to the people
/// affected. Each handler serves the API and the page; the service records refusals.
struct IncidentResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "incidents", page: "incidents", use: list)
        surfaces.on(api: "incidents", method: .post, page: "incidents", method: .post, use: open)
        surfaces.on(api: "incidents/:id", page: "incidents/:id", use: show)
        surfaces.signedInAPI.get("incidents/:id/report", use: report)
        surfaces.on(api: "incidents/:id/phases", method: .post, page: "incidents/:id/phases", method: .post, use: phase)
        surfaces.signedInAPI.get("incidents/:id/notice", use: draft)
        surfaces.on(api: "incidents/:id/notice", method: .post, page: "incidents/:id/notice", method: .post, use: notify)
    }

    struct IncidentsResponse: ResponseEncodable { var incidents: [Incident] }
    struct Assessment: ResponseEncodable {
        var incident: Incident
        var findings: IncidentFindings
        /// Hours until the report to the ICO is due (negative: late); absent once a phase is written.
        var hoursLeft: Int64?
    }
    struct Draft: ResponseEncodable { var subject: String; var body: String }

    @Sendable func list(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let incidents = try await warden.incidents.incidents(actor: context.actor)
        switch answer {
        case .json: return try IncidentsResponse(incidents: incidents).response(from: request, context: context)
        case .page: return try pages.render(IncidentPages.List(context, incidents: incidents), template: "incidents")
        }
    }

    @Sendable func open(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let body = try await IncidentBodies.open(request, context: context, answer: answer)
        let incident = try await warden.incidents.open(title: body.title, awareAt: body.aware, scope: body.scope, actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: incident).created(from: request, context: context)
        case .page: return .redirect(to: "/incidents/\(incident.id)?done=opened", type: .normal)
        }
    }

    @Sendable func show(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = IncidentID(try context.pathID(missing: "no such incident"))
        switch answer {
        case .json:
            let (incident, findings) = try await warden.incidents.findings(id, actor: context.actor)
            return try Assessment(incident: incident, findings: findings, hoursLeft: incident.hoursLeft(at: .now)).response(from: request, context: context)
        case .page:
            let assessment = try await warden.incidents.assess(id, actor: context.actor)
            return try pages.render(IncidentPages.One(context, assessment, done: request.query("done")), template: "incident")
        }
    }

    /// The Art. 33 report as plain text, to send to the ICO.
    @Sendable func report(_ request: Request, context: SignedInContext) async throws -> Response {
        let text = try await warden.incidents.report(IncidentID(try context.pathID(missing: "no such incident")), actor: context.actor)
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    @Sendable func phase(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let body = try await IncidentBodies.phase(request, context: context, answer: answer)
        let id = IncidentID(try context.pathID(missing: "no such incident"))
        let incident = try await warden.incidents.addPhase(id, nature: body.nature, consequences: body.consequences, measures: body.measures,
                                                           actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: incident).response(from: request, context: context)
        case .page: return .redirect(to: "/incidents/\(id)?done=phase", type: .normal)
        }
    }

    @Sendable func draft(_ request: Request, context: SignedInContext) async throws -> Draft {
        let draft = try await warden.incidents.draftNotice(IncidentID(try context.pathID(missing: "no such incident")), actor: context.actor)
        return Draft(subject: draft.subject, body: draft.body)
    }

    /// Approves the notice as worded and queues it to everyone affected.
    @Sendable func notify(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let body = try await IncidentBodies.notice(request, context: context, answer: answer)
        let id = IncidentID(try context.pathID(missing: "no such incident"))
        let incident = try await warden.incidents.notify(id, subject: body.subject, body: body.body, actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: incident).response(from: request, context: context)
        case .page: return .redirect(to: "/incidents/\(id)?done=notified", type: .normal)
        }
    }
}
