import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The one-click unsubscribe link of every campaigning email (RFC 8058): a POST with no
/// cookie and no sign-in unsubscribes, the signed token in the address being the only proof;
/// a GET only shows a page with the button, because link scanners and previewers follow
/// every link in an email and must never unsubscribe anyone.
struct UnsubscribeResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.pages.get("unsubscribe/:token", use: page)
        surfaces.pages.post("unsubscribe/:token", use: unsubscribe)
    }

    @Sendable func page(_ request: Request, context: WardenRequestContext) async throws -> Response {
        try pages.render(MailingPages.Unsubscribe(chrome: Chrome(context), token: try token(context), done: nil), template: "unsubscribe")
    }

    /// Whatever the body says (`List-Unsubscribe=One-Click` from a mailbox provider, the same from the page's button).
    @Sendable func unsubscribe(_ request: Request, context: WardenRequestContext) async throws -> Response {
        _ = try await request.body.collect(upTo: 4_096)
        let outcome = try await warden.suppression.unsubscribe(token: try token(context))
        let done = outcome.newlySuppressed
            ? "You are unsubscribed: the party will send you no more campaigning email at this address. Service messages to members (such as notice of a general meeting) still come."
            : "This address was already unsubscribed."
        return try pages.render(MailingPages.Unsubscribe(chrome: Chrome(context), token: "", done: done), template: "unsubscribe")
    }

    func token(_ context: WardenRequestContext) throws -> String {
        guard let token = context.parameters.get("token"), token.count <= 64 else { throw WardenError.notFound("this unsubscribe link is not valid") }
        return token
    }
}
