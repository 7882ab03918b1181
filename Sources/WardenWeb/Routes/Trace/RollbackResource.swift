import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// Rolling back an account's changes in a window, or trying it as a dry run: one handler
/// for the API and the investigations page's form. The service checks the caller's role,
/// leaves alone any field someone else changed later, and records the rollback.
struct RollbackResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "rollback", method: .post, page: "rollback", method: .post, use: rollback)
    }

    struct RollbackBody: Decodable {
        var account: String
        var from: Timestamp
        var to: Timestamp
        var reason: String
        var force: Bool?
        var dryRun: Bool?
    }

    struct RollbackForm: Decodable, CSRFCarrying {
        var csrf: String
        var account: String
        var from: String
        var to: String
        var reason: String
        var force: String?
        var dryRun: String?
    }

    /// The report as JSON, or on the investigations page with the form filled in again.
    @Sendable func rollback(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let (asked, window): (RollbackBody, (from: String, to: String))
        do {
            (asked, window) = try await Self.asked(request, context: context, answer: answer)
        } catch let problem as FormProblem {
            // The page again, with what was typed and what is wrong with it.
            var page = AuditPage(chrome: Chrome(context), question: nil, summary: nil, account: problem.form.account, area: "", person: "",
                                 from: problem.form.from, to: problem.form.to)
            page.problem = InvestigationsResource.badWindow
            return try page.render(pages, status: .badRequest)
        }
        let report = try await warden.rollback.run(
            account: asked.account, from: asked.from, to: asked.to, reason: asked.reason,
            force: asked.force ?? false, dryRun: asked.dryRun ?? false, actor: context.actor)
        switch answer {
        case .json:
            return try JSONBody(value: report).response(from: request, context: context)
        case .page:
            var page = AuditPage(
                chrome: Chrome(context), question: "Rollback of \(asked.account)'s changes\(report.dryRun ? " (dry run)" : "")",
                summary: "\(report.dryRun ? "would restore" : "restored") \(report.count(.restored)) fields of \(report.people) people; \(report.count(.conflict)) left alone because someone else changed them later",
                account: asked.account, area: "", person: "", from: window.from, to: window.to)
            page.rollback = report.items.map {
                .init(person: String($0.personID.rawValue), field: $0.field, outcome: $0.outcome.words,
                      laterBy: $0.laterBy.joined(separator: ", "))
            }
            return try page.render(pages)
        }
    }

    /// The rollback asked for, from the JSON body or the CSRF-checked form, with its window
    /// as written, for the page to fill the form in again.
    static func asked(_ request: Request, context: SignedInContext, answer: Answer) async throws -> (RollbackBody, window: (from: String, to: String)) {
        switch answer {
        case .json:
            let body = try await request.json(
                RollbackBody.self, context: context, expected: "expected account, from, to (ISO 8601), reason, and optionally force, dryRun")
            return (body, (body.from.description, body.to.description))
        case .page:
            let form: RollbackForm = try await CSRF.checkedForm(request, context: context)
            guard let from = Timestamp(typed: form.from), let to = Timestamp(typed: form.to, endOfDay: true) else { throw FormProblem(form: form) }
            return (RollbackBody(account: form.account, from: from, to: to, reason: form.reason, force: form.force != nil, dryRun: form.dryRun != nil),
                    (form.from, form.to))
        }
    }
}

/// A rollback form whose window does not read as dates or times.
private struct FormProblem: Error {
    var form: RollbackResource.RollbackForm
}
