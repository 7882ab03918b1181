import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// Pages for the DPO's investigations and rollbacks, and the public page behind a change
/// notice's "this wasn't me" link.
struct TracePageRoutes {
    let warden: Warden
    let pages: Pages

    func register(on router: Router<WardenRequestContext>) {
        router.get("audit", use: audit)
        router.post("rollback", use: rollback)
        router.get("notices/:token", use: notice)
        router.post("notices/:token", use: dispute)
    }

    struct AuditPage {
        var chrome: Chrome
        var question: String?
        var summary: String?
        var counts: [Count]
        var changes: [ChangeRow]
        var accesses: [AccessRow]
        var rollback: [RollbackRow]
        var account: String
        var area: String
        var person: String
        var from: String
        var to: String
        // Stored, not computed: Mustache sees stored properties only. Set by `render`.
        var hasCounts = false
        var hasChanges = false
        var hasAccesses = false
        var hasRollback = false

        func render(_ pages: Pages) throws -> Response {
            var page = self
            page.hasCounts = !counts.isEmpty
            page.hasChanges = !changes.isEmpty
            page.hasAccesses = !accesses.isEmpty
            page.hasRollback = !rollback.isEmpty
            return try pages.render(page, template: "audit")
        }
    }

    struct Count { var name: String; var count: Int }
    struct ChangeRow { var at: String; var person: String; var actor: String; var fields: String; var area: String; var reason: String; var entry: String }
    struct AccessRow { var at: String; var actor: String; var action: String; var outcome: String; var classes: String; var entry: String }
    struct RollbackRow { var person: String; var field: String; var outcome: String; var laterBy: String }

    struct RollbackForm: Decodable, CSRFCarrying {
        var csrf: String
        var account: String
        var from: String
        var to: String
        var reason: String
        var force: String?
        var dryRun: String?
    }

    struct NoticePage {
        var chrome: Chrome
        var token: String
        var done: Bool
    }

    @Sendable func audit(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let query = request.uri.queryParameters
        var page = AuditPage(chrome: Chrome(context), question: nil, summary: nil, counts: [], changes: [], accesses: [], rollback: [],
                             account: query.get("account") ?? "", area: query.get("area") ?? "", person: query.get("person") ?? "",
                             from: query.get("from") ?? "", to: query.get("to") ?? "")
        try await warden.investigations.requireInvestigator(actor)
        if let person = Int64(page.person) {
            let history = try await warden.investigations.history(of: PersonID(rawValue: person), proofs: false, actor: actor)
            page.question = "Who changed and who viewed person \(person)"
            page.changes = history.changes.map(Self.row)
            page.accesses = history.accesses.map {
                AccessRow(at: $0.at.description, actor: $0.actor, action: $0.action.rawValue, outcome: $0.outcome.rawValue,
                          classes: $0.dataClasses.map(\.rawValue).joined(separator: ", "), entry: String($0.entryIndex))
            }
        } else if !page.from.isEmpty || !page.to.isEmpty {
            guard let from = Timestamp(iso8601: page.from), let to = Timestamp(iso8601: page.to) else {
                throw WardenError.invalidRequest("from, to: ISO 8601 instants, e.g. 2026-11-23T09:00:00Z")
            }
            let report: ChangeReport
            if !page.account.isEmpty {
                report = try await warden.investigations.changes(by: page.account, from: from, to: to, proofs: false, actor: actor)
            } else if let area = try await warden.areas.id(code: page.area) {
                report = try await warden.investigations.contactChanges(in: area, from: from, to: to, proofs: false, actor: actor)
            } else {
                throw WardenError.invalidRequest("give an account, or an area code")
            }
            page.question = report.question
            page.summary = "\(report.changes.count) changes to \(report.people) people"
            page.counts = report.byField.sorted { $0.key < $1.key }.map { Count(name: "field: \($0.key)", count: $0.value) }
                + report.byArea.sorted { $0.key < $1.key }.map { Count(name: "area: \($0.key)", count: $0.value) }
            page.changes = report.changes.map(Self.row)
        }
        return try page.render(pages)
    }

    static func row(_ change: ChangeItem) -> ChangeRow {
        ChangeRow(at: change.at.description, person: String(change.personID.rawValue), actor: change.actor,
                  fields: change.fields.joined(separator: ", "), area: change.area ?? "", reason: change.reason,
                  entry: change.entryIndex.map(String.init) ?? "")
    }

    @Sendable func rollback(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let form: RollbackForm = try await CSRF.checkedForm(request, context: context)
        guard let from = Timestamp(iso8601: form.from), let to = Timestamp(iso8601: form.to) else {
            throw WardenError.invalidRequest("from, to: ISO 8601 instants, e.g. 2026-11-23T09:00:00Z")
        }
        let report = try await warden.rollback.run(account: form.account, from: from, to: to, reason: form.reason,
                                                   force: form.force != nil, dryRun: form.dryRun != nil, actor: actor)
        var page = AuditPage(chrome: Chrome(context), question: "Rollback of \(form.account)'s changes\(report.dryRun ? " (dry run)" : "")",
                             summary: "\(report.dryRun ? "would restore" : "restored") \(report.count(.restored)) fields of \(report.people) people; \(report.count(.conflict)) left alone because someone else changed them later",
                             counts: [], changes: [], accesses: [], rollback: [], account: form.account, area: "", person: "",
                             from: form.from, to: form.to)
        page.rollback = report.items.map {
            RollbackRow(person: String($0.personID.rawValue), field: $0.field, outcome: $0.outcome.rawValue.replacingOccurrences(of: "_", with: " "),
                        laterBy: $0.laterBy.joined(separator: ", "))
        }
        return try page.render(pages)
    }

    @Sendable func notice(_ request: Request, context: WardenRequestContext) async throws -> Response {
        try pages.render(NoticePage(chrome: Chrome(context), token: try token(context), done: false), template: "notice")
    }

    /// The token in the link is the member's only credential; there is no session to forge a
    /// request against, so no CSRF token is needed.
    @Sendable func dispute(_ request: Request, context: WardenRequestContext) async throws -> Response {
        try await warden.notices.dispute(token: try token(context))
        return try pages.render(NoticePage(chrome: Chrome(context), token: "", done: true), template: "notice")
    }

    func token(_ context: WardenRequestContext) throws -> String {
        guard let token = context.parameters.get("token"), token.count <= 64 else { throw WardenError.notFound("this link is not valid") }
        return token
    }
}
