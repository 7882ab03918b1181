import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The HTML pages: sign in, search people, a person, areas.
///
/// Anonymous requests are sent to sign in; every form carries a CSRF token (the session's,
/// or for the sign-in form a double-submit cookie) and is refused without it.
struct PageRoutes {
    let warden: Warden
    let pages: Pages
    let secureCookies: Bool

    static let loginCSRFCookie = "warden_signin_csrf"

    func register(on router: Router<WardenRequestContext>) {
        router.get("/") { _, context in
            Response.redirect(to: context.actor == nil ? "/signin" : "/people", type: .normal)
        }
        router.get("static/style.css") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: pages.stylesheet)))
        }
        router.get("signin", use: signInForm)
        router.post("signin", use: signIn)
        router.post("signout", use: signOut)
        router.get("people", use: people)
        router.get("people/:id", use: person)
        router.get("areas", use: areas)
        router.get("areas/:id", use: area)
    }

    struct SignInForm: Decodable {
        var username: String
        var password: String
        var totp: String?
        var csrf: String
    }

    @Sendable func signInForm(_ request: Request, context: WardenRequestContext) async throws -> Response {
        if context.actor != nil { return .redirect(to: "/people", type: .normal) }
        let notice = request.uri.queryParameters.get("changed") == "password" ? "Your password is changed. Sign in with the new one." : nil
        return try renderSignIn(context: context, failed: nil, username: "", status: .ok, notice: notice)
    }

    @Sendable func signIn(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let form: SignInForm = try await CSRF.decodeForm(request)
        guard let expected = request.cookies[Self.loginCSRFCookie]?.value, CSRF.same(expected, form.csrf) else {
            throw WardenError.forbidden("the form expired; reload the page and sign in again")
        }
        do {
            let signedIn = try await warden.authentication.signIn(
                username: form.username, password: form.password, secondFactor: form.totp, client: context.client)
            var response = Response.redirect(to: "/people", type: .normal)
            response.setCookie(Cookie(
                name: SessionMiddleware.cookieName, value: signedIn.token,
                maxAge: Int(signedIn.expiresAt.secondsSince1970 - Timestamp.now.secondsSince1970), path: "/",
                secure: secureCookies, httpOnly: true, sameSite: .strict))
            response.setCookie(Cookie(name: Self.loginCSRFCookie, value: "", maxAge: 0, path: "/signin",
                                      secure: secureCookies, httpOnly: true, sameSite: .strict))
            return response
        } catch WardenError.signInFailed {
            return try renderSignIn(context: context, failed: "Unknown username, wrong password or wrong code.", username: form.username, status: .unauthorized)
        } catch let error as WardenError {
            let problem = Problem(error)
            return try renderSignIn(context: context, failed: problem.detail, username: form.username, status: problem.httpStatus)
        }
    }

    @Sendable func signOut(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try await CSRF.check(request, context: context)
        if let session = context.session {
            try await warden.authentication.signOut(token: session.token, actor: actor)
        }
        var response = Response.redirect(to: "/signin", type: .normal)
        response.setCookie(Cookie(name: SessionMiddleware.cookieName, value: "", maxAge: 0, path: "/",
                                  secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    @Sendable func people(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let text = request.uri.queryParameters.get("q") ?? ""
        var rows: [PersonRow]?
        var chrome = Chrome(context)
        if !text.isEmpty {
            let reading = try await warden.people.search(PeopleQuery(text: text), actor: actor, purpose: .default(for: actor))
            rows = reading.value.map(PersonRow.init)
            chrome.warn(reading.budget)
        }
        let page = PeoplePage(chrome: chrome, query: text, people: rows, counts: try await warden.people.counts())
        return try pages.render(page, template: "people")
    }

    @Sendable func person(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WardenError.notFound("no such person, or not one you may see") }
        let reading = try await warden.people.person(PersonID(rawValue: id), actor: actor, purpose: .default(for: actor))
        var chrome = Chrome(context)
        chrome.warn(reading.budget)
        var page = PersonPage(chrome: chrome, view: reading.value)
        if let status = reading.value.membershipStatus, actor.roles.contains(.membershipSecretary) {
            page.offerMembershipChanges(from: status)
        }
        if let changed = request.uri.queryParameters.get("changed").flatMap(MembershipStatus.init(rawValue:)) {
            page.notice = "Membership status changed to \(changed.rawValue.replacingOccurrences(of: "_", with: " ")). The change is versioned and recorded."
        }
        return try pages.render(page, template: "person")
    }

    @Sendable func areas(_ request: Request, context: WardenRequestContext) async throws -> Response {
        _ = try context.requireActor()
        let all = try await warden.areas.all().sorted { ($0.level, $0.name) < ($1.level, $1.name) }
        let links = all.map { AreaLink(id: $0.id.description, name: $0.name, level: $0.level.rawValue.replacingOccurrences(of: "_", with: " ")) }
        return try pages.render(AreasPage(chrome: Chrome(context), areas: links), template: "areas")
    }

    @Sendable func area(_ request: Request, context: WardenRequestContext) async throws -> Response {
        _ = try context.requireActor()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WardenError.notFound("no such area") }
        let summary = try await warden.areas.summary(AreaID(rawValue: id))
        let page = AreaPage(
            chrome: Chrome(context), name: summary.area.name, level: summary.area.level.rawValue.replacingOccurrences(of: "_", with: " "),
            code: summary.area.code, ancestors: summary.ancestors.map(AreaLink.init), children: summary.children.map(AreaLink.init),
            hasChildren: !summary.children.isEmpty,
            electors: summary.electors, households: summary.households, members: summary.members)
        return try pages.render(page, template: "area")
    }

    private func renderSignIn(
        context: WardenRequestContext, failed: String?, username: String, status: HTTPResponse.Status, notice: String? = nil
    ) throws -> Response {
        let token = Authentication.randomToken()
        var response = try pages.render(SignInPage(chrome: Chrome(context), csrf: token, failed: failed, username: username, notice: notice),
                                        template: "signin", status: status)
        response.setCookie(Cookie(name: Self.loginCSRFCookie, value: token, maxAge: 1800, path: "/signin",
                                  secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }
}
