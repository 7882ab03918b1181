import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The public volunteer form and its confirmation link: no account, no cookie. The form
/// answers alike whether or not the address is known; a flood from one client is refused
/// (429). The link's GET only shows a button, because link scanners follow every link in an
/// email; its POST confirms, as the unsubscribe page does.
struct VolunteerSignUpResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.pages.get("volunteer", use: form)
        surfaces.pages.post("volunteer", use: signUp)
        surfaces.pages.get("volunteer/confirm/:token", use: confirmation)
        surfaces.pages.post("volunteer/confirm/:token", use: confirm)
    }

    @Sendable func form(_ request: Request, context: WardenRequestContext) async throws -> Response {
        try await render(VolunteerPages.SignUp(values: [:]), context: context)
    }

    @Sendable func signUp(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        var values: [String: String] = [:]
        for name in VolunteerPages.SignUp.textFields { values[name] = fields.first(name) ?? "" }
        let signUp = VolunteerSignUp(
            forenames: values["forenames"] ?? "", surname: values["surname"] ?? "", email: (values["email"] ?? "").trimmingCharacters(in: .whitespaces),
            areaCode: fields.first("area") ?? "",
            skills: Set(fields.all("skill").compactMap(VolunteerSkill.init(rawValue:))), availability: values["availability"] ?? "",
            emailConsent: fields.first("email_consent") == "Y")
        do {
            try await warden.volunteers.signUp(signUp, client: context.client)
        } catch WardenError.invalidRequest(let problem) {
            var page = VolunteerPages.SignUp(values: values)
            page.problems = [problem]
            page.hasProblems = true
            return try await render(page, context: context, status: .badRequest)
        }
        var page = VolunteerPages.SignUp(values: [:])
        page.sent = true
        return try await render(page, context: context)
    }

    @Sendable func confirmation(_ request: Request, context: WardenRequestContext) async throws -> Response {
        try pages.render(VolunteerPages.Confirm(chrome: Chrome(context), token: try token(context), done: false), template: "volunteer-confirm")
    }

    @Sendable func confirm(_ request: Request, context: WardenRequestContext) async throws -> Response {
        _ = try await request.body.collect(upTo: 4_096)
        try await warden.volunteers.confirm(token: try token(context))
        return try pages.render(VolunteerPages.Confirm(chrome: Chrome(context), token: "", done: true), template: "volunteer-confirm")
    }

    func token(_ context: WardenRequestContext) throws -> String {
        guard let token = context.parameters.get("token"), token.count <= 128 else { throw WardenError.notFound("this link is not valid") }
        return token
    }

    func render(_ page: VolunteerPages.SignUp, context: WardenRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        var page = page
        page.chrome = Chrome(context)
        page.offerAreas(try await warden.areas.all())
        return try pages.render(page, template: "volunteer", status: status)
    }
}
