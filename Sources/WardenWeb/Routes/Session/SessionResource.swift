import Hummingbird
import WardenCore
import WardenServices

/// Signing in and out: a bearer token from `/api/v1/session`, or a session cookie from the
/// sign-in form, both from one call to ``Authentication``; and who the caller is.
///
/// The sign-in form carries a CSRF token of its own before there is a session: a
/// double-submit cookie the form must echo.
struct SessionResource: Resource {
    let warden: Warden
    let pages: Pages
    let cookies: CookiePolicy

    static let loginCSRFCookie = "warden_signin_csrf"

    func register(on surfaces: Surfaces) {
        surfaces.pages.get("/") { _, context in
            Response.redirect(to: context.actor.map(Navigation.home(of:)) ?? "/signin", type: .normal)
        }
        surfaces.api.post("session") { request, context in try await signIn(request, context: context, answer: .json) }
        surfaces.pages.get("signin", use: signInForm)
        surfaces.pages.post("signin") { request, context in try await signIn(request, context: context, answer: .page) }
        surfaces.on(api: "session", method: .delete, page: "signout", method: .post, use: signOut)
        surfaces.signedInAPI.get("me", use: me)
    }

    struct Credentials: Decodable {
        var username: String
        var password: String
        var totp: String?
    }

    struct SignInForm: Decodable {
        var username: String
        var password: String
        var totp: String?
        var csrf: String
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

    @Sendable func signInForm(_ request: Request, context: WardenRequestContext) async throws -> Response {
        if let actor = context.actor { return .redirect(to: Navigation.home(of: actor), type: .normal) }
        let notice = request.query("changed") == "password" ? "Your password is changed. Sign in with the new one." : nil
        return try renderSignIn(context: context, failed: nil, username: "", status: .ok, notice: notice)
    }

    /// A refused sign-in is a problem for the API and the form again, with the reason, for
    /// a browser.
    @Sendable func signIn(_ request: Request, context: WardenRequestContext, answer: Answer) async throws -> Response {
        let credentials = try await credentials(request, context: context, answer: answer)
        let signedIn: Authentication.SignedIn
        do {
            signedIn = try await warden.authentication.signIn(
                username: credentials.username, password: credentials.password, secondFactor: credentials.totp, client: context.client)
        } catch WardenError.signInFailed where answer == .page {
            return try renderSignIn(context: context, failed: "Unknown username, wrong password or wrong code.", username: credentials.username, status: .unauthorized)
        } catch let error as WardenError where answer == .page {
            let problem = Problem(error)
            return try renderSignIn(context: context, failed: problem.detail, username: credentials.username, status: problem.httpStatus)
        }
        switch answer {
        case .json:
            return try SessionResponse(
                token: signedIn.token, expiresAt: signedIn.expiresAt, username: credentials.username,
                roles: signedIn.actor.roles.sorted { $0.rawValue < $1.rawValue }
            ).response(from: request, context: context)
        case .page:
            var response = Response.redirect(to: Navigation.home(of: signedIn.actor), type: .normal)
            response.setCookie(cookies.cookie(
                SessionMiddleware.cookieName, signedIn.token,
                maxAge: Int(signedIn.expiresAt.secondsSince1970 - Timestamp.now.secondsSince1970), path: "/"))
            response.setCookie(cookies.cookie(Self.loginCSRFCookie, "", maxAge: 0, path: "/signin"))
            return response
        }
    }

    /// The JSON body, or the form once its token matches the double-submit cookie.
    func credentials(_ request: Request, context: WardenRequestContext, answer: Answer) async throws -> Credentials {
        switch answer {
        case .json:
            return try await request.json(Credentials.self, context: context, expected: "expected a JSON object with username and password")
        case .page:
            let form: SignInForm = try await CSRF.decodeForm(request)
            guard let expected = request.cookies[Self.loginCSRFCookie]?.value, CSRF.same(expected, form.csrf) else {
                throw WardenError.forbidden("the form expired; reload the page and sign in again")
            }
            return Credentials(username: form.username, password: form.password, totp: form.totp)
        }
    }

    @Sendable func signOut(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        try await answer.checkForgery(request, context: context)
        try await warden.authentication.signOut(token: context.session.token, actor: context.actor)
        switch answer {
        case .json:
            return Response(status: .noContent)
        case .page:
            var response = Response.redirect(to: "/signin", type: .normal)
            response.setCookie(cookies.cookie(SessionMiddleware.cookieName, "", maxAge: 0, path: "/"))
            return response
        }
    }

    @Sendable func me(_ request: Request, context: SignedInContext) async throws -> MeResponse {
        MeResponse(username: context.actor.label, roles: context.actor.roles.sorted { $0.rawValue < $1.rawValue })
    }

    /// The sign-in form with a fresh double-submit token, set as a cookie for `/signin` only.
    private func renderSignIn(
        context: WardenRequestContext, failed: String?, username: String, status: HTTPResponse.Status, notice: String? = nil
    ) throws -> Response {
        let token = Authentication.randomToken()
        var response = try pages.render(SignInPage(chrome: Chrome(context), csrf: token, failed: failed, username: username, notice: notice),
                                        template: "signin", status: status)
        response.setCookie(cookies.cookie(Self.loginCSRFCookie, token, maxAge: 1800, path: "/signin"))
        return response
    }
}
