import Hummingbird

/// The form a resource's answer takes: JSON under `/api/v1`, or an HTML page for a browser.
///
/// One handler serves both: it reads the request as its surface sends it (a JSON body, or a
/// form carrying the session's CSRF token), calls the ``Warden`` service once, and answers
/// in the same form. The API and the pages therefore cannot drift apart in what they ask
/// the services.
enum Answer: Sendable {
    case json
    case page

    /// Refuses a page's form that does not carry the session's CSRF token. An API call needs
    /// none: its bearer token is never attached by a browser on its own.
    func checkForgery(_ request: Request, context: SignedInContext) async throws {
        if self == .page { try await CSRF.check(request, context: context) }
    }
}
