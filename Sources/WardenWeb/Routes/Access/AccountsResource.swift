import Hummingbird
import WardenCore
import WardenServices

/// The accounts, for administrators: listed, created, and given an authenticator. The
/// service checks the caller's role and records a refusal. A new account holds no grant: an
/// administrator grants it a role as for any account.
struct AccountsResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.signedInAPI.get("accounts", use: list)
        surfaces.on(api: "accounts", method: .post, page: "accounts", method: .post, use: create)
        surfaces.on(api: "accounts/:username/second-factor", method: .post, page: "accounts/second-factor", method: .post,
                    use: enrolSecondFactor)
    }

    struct AccountsResponse: ResponseEncodable { var accounts: [AccountSummary] }

    @Sendable func list(_ request: Request, context: SignedInContext) async throws -> AccountsResponse {
        AccountsResponse(accounts: try await warden.accounts.list(actor: context.actor))
    }

    struct NewAccountBody: Decodable {
        var username: String
        var password: String
    }

    struct Created: ResponseEncodable { var username: String }

    /// A new account with a first password the administrator gives its holder in person; they
    /// change it once signed in.
    @Sendable func create(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let body: NewAccountBody
        switch answer {
        case .json:
            body = try await request.json(NewAccountBody.self, context: context, expected: "expected username and password")
        case .page:
            let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
            try CSRF.verify(fields.first("csrf") ?? "", context: context)
            body = NewAccountBody(username: fields.first("username") ?? "", password: fields.first("password") ?? "")
        }
        _ = try await warden.accounts.create(username: body.username, password: body.password, grants: [], actor: context.actor)
        switch answer {
        case .json: return try EditedResponse(status: .created, response: Created(username: body.username)).response(from: request, context: context)
        case .page: return .redirect(to: "/access?done=account", type: .normal)
        }
    }

    /// Enrols (or replaces) an account's authenticator: the secret and recovery codes are shown
    /// this once, for the administrator to hand to the holder in person. The API names the
    /// account in the path; the page's form, in a field.
    @Sendable func enrolSecondFactor(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let username: String
        switch answer {
        case .json:
            guard let named = context.parameters.get("username") else { throw WardenError.notFound("no such account") }
            username = named
        case .page:
            let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
            try CSRF.verify(fields.first("csrf") ?? "", context: context)
            username = fields.first("username") ?? ""
        }
        let enrolment = try await warden.accounts.enrolSecondFactor(username: username, actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: enrolment).response(from: request, context: context)
        case .page:
            return try pages.render(SecondFactorPage(chrome: Chrome(context), username: username, secret: enrolment.secret, uri: enrolment.uri,
                                                     recoveryCodes: enrolment.recoveryCodes), template: "second-factor")
        }
    }
}

/// An authenticator's secret and recovery codes, shown once.
struct SecondFactorPage {
    var chrome: Chrome
    var username: String
    var secret: String
    var uri: String
    var recoveryCodes: [String]
}
