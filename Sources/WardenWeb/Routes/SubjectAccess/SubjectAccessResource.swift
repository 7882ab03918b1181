import Hummingbird
import WardenCore
import WardenServices

/// Subject access cases for the DPO: the dashboard of cases by days left, opening a case,
/// one case with its steps, and the search for the requester's records. Each handler serves
/// the API and the page; the service checks the caller's role and records refusals.
struct SubjectAccessResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "sar", page: "sar", use: list)
        surfaces.on(api: "sar", method: .post, page: "sar", method: .post, use: open)
        surfaces.on(api: "sar/:id", page: "sar/:id", use: show)
        surfaces.on(api: "sar/:id/steps", method: .post, page: "sar/:id/steps", method: .post, use: step)
        surfaces.signedInAPI.get("sar/:id/candidates", use: candidates)
        surfaces.on(api: "sar/:id/package", method: .post, page: "sar/:id/package", method: .post, use: package)
    }

    struct CasesResponse: ResponseEncodable { var cases: [SubjectAccessCaseStatus] }
    struct CandidatesResponse: ResponseEncodable { var people: [PersonView] }

    /// Cases owed an answer, soonest due first; `?all=true` lists every case, newest first.
    @Sendable func list(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let all = try request.flag("all")
        let cases = try await warden.subjectAccess.cases(all: all, actor: context.actor)
        let today = Timestamp.now.date
        switch answer {
        case .json:
            return try CasesResponse(cases: cases.map { SubjectAccessCaseStatus($0, today: today) }).response(from: request, context: context)
        case .page:
            return try pages.render(SubjectAccessPages.Dashboard(context, cases: cases, all: all, today: today), template: "sar")
        }
    }

    @Sendable func open(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let (requester, channel, received) = try await SubjectAccessBodies.open(request, context: context, answer: answer)
        let opened = try await warden.subjectAccess.open(requester: requester, channel: channel, receivedOn: received, actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: SubjectAccessCaseStatus(opened, today: Timestamp.now.date)).created(from: request, context: context)
        case .page:
            return .redirect(to: "/sar/\(opened.id)?done=opened", type: .normal)
        }
    }

    /// One case. The page also runs the search for the requester when its form was filled in.
    @Sendable func show(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = SubjectAccessCaseID(try context.pathID(missing: "no such case"))
        let found = try await warden.subjectAccess.case(id, actor: context.actor)
        switch answer {
        case .json:
            return try JSONBody(value: SubjectAccessCaseStatus(found, today: Timestamp.now.date)).response(from: request, context: context)
        case .page:
            var page = SubjectAccessPages.CasePage(context, case_: found, today: Timestamp.now.date, done: request.query("done"))
            let search = SubjectAccessPages.Search(request)
            if search.asked {
                let people = try await warden.subjectAccess.candidates(for: id, try search.query(), actor: context.actor)
                page.show(search, candidates: people)
            }
            return try pages.render(page, template: "sar-case")
        }
    }

    @Sendable func step(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let step = try await SubjectAccessBodies.step(request, context: context, answer: answer)
        let id = SubjectAccessCaseID(try context.pathID(missing: "no such case"))
        let moved = try await warden.subjectAccess.move(id, step, actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: SubjectAccessCaseStatus(moved, today: Timestamp.now.date)).response(from: request, context: context)
        case .page: return .redirect(to: "/sar/\(id)?done=\(step.name.rawValue)", type: .normal)
        }
    }

    /// The package answering the case, sealed with age to the passphrase the requester gave:
    /// a file to hand over, the same from the API and the page.
    @Sendable func package(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let passphrase = try await SubjectAccessBodies.passphrase(request, context: context, answer: answer)
        let id = SubjectAccessCaseID(try context.pathID(missing: "no such case"))
        let sealed = try await warden.subjectAccess.package(id, actor: context.actor).sealed(passphrase: passphrase)
        var headers = HTTPFields()
        headers[.contentType] = "application/octet-stream"
        headers[.contentDisposition] = "attachment; filename=\"subject-access-\(id).tar.age\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: sealed)))
    }

    /// The people who may be the requester: `name` and one of `postcode`, `born`, `email`, `phone`.
    @Sendable func candidates(_ request: Request, context: SignedInContext) async throws -> CandidatesResponse {
        let id = SubjectAccessCaseID(try context.pathID(missing: "no such case"))
        let search = SubjectAccessPages.Search(request)
        return CandidatesResponse(people: try await warden.subjectAccess.candidates(for: id, try search.query(), actor: context.actor))
    }
}
