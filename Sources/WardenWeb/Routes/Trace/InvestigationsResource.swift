import Hummingbird
import WardenCore
import WardenServices

/// The DPO's investigations: who changed what (by account, or contact details in an area)
/// and a person's history of changes and views. The API asks each question at its own
/// address, with hash proofs on request; the investigations page asks whichever its form
/// fills in. The service checks the caller's role and records refusals.
struct InvestigationsResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.signedInAPI.get("audit/changes", use: changes)
        surfaces.signedInAPI.get("audit/contacts", use: contactChanges)
        surfaces.signedInAPI.get("audit/people/:id", use: history)
        surfaces.signedInPages.get("audit", use: page)
    }

    @Sendable func changes(_ request: Request, context: SignedInContext) async throws -> JSONBody<ChangeReport> {
        guard let account = request.query("account") else { throw WardenError.invalidRequest("account: required") }
        let (from, to) = try Self.window(request)
        return JSONBody(value: try await warden.investigations.changes(
            by: account, from: from, to: to, proofs: try request.flag("proofs"), actor: context.actor))
    }

    @Sendable func contactChanges(_ request: Request, context: SignedInContext) async throws -> JSONBody<ChangeReport> {
        guard let area = request.query("area").flatMap({ Int64($0) }) else { throw WardenError.invalidRequest("area: an area identifier is required") }
        let (from, to) = try Self.window(request)
        return JSONBody(value: try await warden.investigations.contactChanges(
            in: AreaID(rawValue: area), from: from, to: to, proofs: try request.flag("proofs"), actor: context.actor))
    }

    @Sendable func history(_ request: Request, context: SignedInContext) async throws -> JSONBody<PersonHistory> {
        let id = try context.pathID(missing: "no such person")
        return JSONBody(value: try await warden.investigations.history(of: PersonID(rawValue: id), proofs: try request.flag("proofs"), actor: context.actor))
    }

    /// The page answers a person's history when `person` is given, else the changes in a
    /// window by an account or in an area (by its code); with neither, the empty form.
    @Sendable func page(_ request: Request, context: SignedInContext) async throws -> Response {
        var page = AuditPage(chrome: Chrome(context), question: nil, summary: nil,
                             account: request.query("account") ?? "", area: request.query("area") ?? "", person: request.query("person") ?? "",
                             from: request.query("from") ?? "", to: request.query("to") ?? "")
        try await warden.investigations.requireInvestigator(context.actor)
        if let person = Int64(page.person) {
            let history = try await warden.investigations.history(of: PersonID(rawValue: person), proofs: false, actor: context.actor)
            page.question = "Who changed and who viewed person \(person)"
            page.changes = history.changes.map(AuditPage.row)
            page.accesses = history.accesses.map {
                .init(at: $0.at.readable, actor: $0.actor, action: $0.action.rawValue, outcome: $0.outcome.rawValue,
                      classes: $0.dataClasses.map(\.rawValue).joined(separator: ", "), entry: String($0.entryIndex))
            }
        } else if !page.from.isEmpty || !page.to.isEmpty {
            guard let from = Timestamp(typed: page.from), let to = Timestamp(typed: page.to, endOfDay: true) else {
                page.problem = Self.badWindow
                return try page.render(pages, status: .badRequest)
            }
            let report: ChangeReport
            if !page.account.isEmpty {
                report = try await warden.investigations.changes(by: page.account, from: from, to: to, proofs: false, actor: context.actor)
            } else if let area = try await warden.areas.id(code: page.area) {
                report = try await warden.investigations.contactChanges(in: area, from: from, to: to, proofs: false, actor: context.actor)
            } else {
                page.problem = "Give an account, or the code of an area (e.g. AA)."
                return try page.render(pages, status: .badRequest)
            }
            page.question = report.question
            page.summary = "\(report.changes.count) changes to \(report.people) people"
            page.counts = report.byField.sorted { $0.key < $1.key }.map { .init(name: "field: \($0.key)", count: $0.value) }
                + report.byArea.sorted { $0.key < $1.key }.map { .init(name: "area: \($0.key)", count: $0.value) }
            page.changes = report.changes.map(AuditPage.row)
        }
        return try page.render(pages)
    }

    /// The API's `from` and `to` query parameters.
    static func window(_ request: Request) throws -> (Timestamp, Timestamp) {
        guard let from = request.query("from").flatMap(Timestamp.init(iso8601:)),
              let to = request.query("to").flatMap(Timestamp.init(iso8601:))
        else { throw WardenError.invalidRequest("from, to: ISO 8601 instants are required") }
        return (from, to)
    }

    /// A form's window that is neither dates nor instants.
    static let badWindow = "From and To: a date (2026-11-23, or 23/11/2026) or a time (2026-11-23T09:00:00Z). A date in To means the end of that day."
}
