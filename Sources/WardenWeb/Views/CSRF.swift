import Hummingbird
import WardenCore

/// Cross-site request forgery protection for forms: each form echoes its session's token.
enum CSRF {
    struct TokenOnly: Decodable, CSRFCarrying { var csrf: String }

    /// Refuses the request unless its form carries the session's CSRF token.
    static func check(_ request: Request, context: SignedInContext) async throws {
        let _: TokenOnly = try await checkedForm(request, context: context)
    }

    /// The form, once its CSRF token is checked against the session's.
    static func checkedForm<T: Decodable & CSRFCarrying>(_ request: Request, context: SignedInContext) async throws -> T {
        let form: T = try await decodeForm(request)
        try verify(form.csrf, context: context)
        return form
    }

    /// Refuses `token` unless it is the session's.
    static func verify(_ token: String, context: SignedInContext) throws {
        guard same(context.session.csrfToken, token) else {
            throw WardenError.forbidden("the form expired; reload the page and try again")
        }
    }

    static func decodeForm<T: Decodable>(_ request: Request) async throws -> T {
        let body = try await request.body.collect(upTo: 64 * 1024)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: body))
        } catch {
            throw WardenError.invalidRequest("the form is incomplete")
        }
    }

    /// Constant-time comparison.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// A form that carries a CSRF token.
protocol CSRFCarrying { var csrf: String { get } }
