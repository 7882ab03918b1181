import Hummingbird
import WardenCore
import WardenServices

/// A member's own page, "My record": their details, contact points and consents, and
/// membership; correcting their contact details (with the usual notices), downloading their
/// own subject access package, seeing who looked at their record, and resigning. Every path
/// is the member's own record through the Gate; anyone else's is refused there, on the record.
struct MyRecordResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "me/record", page: "me/record", use: show)
        surfaces.on(api: "me/record/contact", method: .post, page: "me/record/contact", method: .post, use: changeContacts)
        surfaces.on(api: "me/record/consultations", page: "me/record/views", use: consultations)
        surfaces.on(api: "me/record/package", page: "me/record/package", use: package)
        surfaces.on(api: "me/resign", method: .post, page: "me/record/resign", method: .post, use: resign)
    }

    struct ConsultationsResponse: ResponseEncodable { var consultations: [Consultation] }
    struct ResignResponse: ResponseEncodable { var from: MembershipStatus; var to: MembershipStatus }

    @Sendable func show(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let own = try await ownRecord(context)
        switch answer {
        case .json: return try JSONBody(value: own).response(from: request, context: context)
        case .page:
            let mailings = try await warden.mailings.sent(to: own.id, actor: context.actor)
            let page = MyRecordPage(chrome: Chrome(context), view: own, mailings: mailings, done: request.query("done"))
            return try pages.render(page, template: "my-record")
        }
    }

    @Sendable func changeContacts(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let edits = try await MyRecordBodies.contactEdits(request, context: context, answer: answer)
        guard let person = context.actor.personID else { throw WardenError.forbidden("your account is not linked to a person record") }
        let outcome = try await warden.people.changeContacts(of: person, edits: edits, reason: "changed by the member on their own page",
                                                             actor: context.actor, purpose: .selfService, source: .member)
        switch answer {
        case .json:
            return try ContactsResource.ChangeResponse(outcome).response(from: request, context: context)
        case .page:
            let done = switch outcome {
            case .changed: "contact"
            case .held: "held"
            case .unchanged, .notFound, .outOfScope: "unchanged"
            }
            return .redirect(to: "/me/record?done=\(done)", type: .normal)
        }
    }

    @Sendable func consultations(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let found = try await warden.subjectAccess.ownConsultations(actor: context.actor)
        switch answer {
        case .json: return try ConsultationsResponse(consultations: found).response(from: request, context: context)
        case .page: return try pages.render(MyRecordPage.Views(chrome: Chrome(context), consultations: found), template: "my-views")
        }
    }

    /// The member's own package: the same archive a case's answer holds, handed straight to
    /// its signed-in subject.
    @Sendable func package(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let archive = try await warden.subjectAccess.ownPackage(actor: context.actor)
        var headers = HTTPFields()
        headers[.contentType] = "application/x-tar"
        headers[.contentDisposition] = "attachment; filename=\"my-record.tar\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: archive.tar)))
    }

    /// Resignation takes effect at once: the membership is versioned and recorded, and the
    /// member's access ends at their next request.
    @Sendable func resign(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let reason = try await MyRecordBodies.resignation(request, context: context, answer: answer)
        guard let person = context.actor.personID else { throw WardenError.forbidden("your account is not linked to a person record") }
        let moved = try await warden.people.changeMembership(of: person, event: .resigned, reason: reason, actor: context.actor)
        switch answer {
        case .json: return try ResignResponse(from: moved.from, to: moved.to).response(from: request, context: context)
        case .page: return try pages.render(MyRecordPage.Resigned(chrome: Chrome(context)), template: "my-resigned")
        }
    }

    private func ownRecord(_ context: SignedInContext) async throws -> PersonView {
        guard let person = context.actor.personID else { throw WardenError.forbidden("your account is not linked to a person record") }
        return try await warden.people.person(person, actor: context.actor, purpose: .selfService).value
    }
}
