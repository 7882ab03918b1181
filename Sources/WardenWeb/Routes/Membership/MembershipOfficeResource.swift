import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The membership office, the membership secretary's home: how many members stand in each
/// status and how many lapse this month, each figure leading to the list of them (a listing:
/// names and streets, the first 250); and, for a whole-party secretary, payments reports and
/// the party's dues rules. The figures are counts; the lists are charged as listings.
struct MembershipOfficeResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.signedInPages.get("membership", use: office)
        surfaces.on(api: "payments", method: .post, page: "membership/payments", method: .post, use: importPayments)
        surfaces.on(api: "imports/members", method: .post, page: "membership/members", method: .post, use: importMembers)
        surfaces.signedInAPI.get("dues-rules", use: rules)
        surfaces.on(api: "dues-rules", method: .put, page: "membership/dues-rules", method: .post, use: setRules)
        surfaces.on(api: "dues-rules/apply", method: .post, page: "membership/dues-rules/apply", method: .post, use: applyRules)
    }

    @Sendable func office(_ request: Request, context: SignedInContext) async throws -> Response {
        let counts = try await warden.people.memberCounts(actor: context.actor)
        let mayRunDues = AccessPolicy.mayImport(context.actor, purpose: .membershipAdministration,
                                                areas: try await warden.areas.byID())
        var page = MembershipOfficePage(chrome: Chrome(context), counts: counts, rules: try await warden.people.duesRules(), mayRunDues: mayRunDues)
        page.chrome.notice = request.query("done").flatMap { MembershipOfficePage.message(for: $0, moved: request.query("moved")) }
        return try pages.render(page, template: "membership")
    }

    /// A payments report: the API's body is the CSV (`?name=` names it, `?dryRun=true` keeps
    /// nothing); the page's is the upload form, answered with the report's page (its problems
    /// listed when it was refused). The dues rules are applied after it.
    @Sendable func importPayments(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        try await upload(request, context: context, answer: answer, kind: "Payments report", also: ", and the dues rules applied", people: false) {
            try await warden.imports.importPayments(bytes: $0.bytes, name: $0.name, mapping: $0.mapping, dryRun: $0.dryRun, actor: context.actor)
        }
    }

    /// A membership export, as `warden import members` takes it: members added, linked to their
    /// electors, or updated.
    @Sendable func importMembers(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        try await upload(request, context: context, answer: answer, kind: "Membership export", people: true) {
            try await warden.imports.importMembers(bytes: $0.bytes, name: $0.name, mapping: $0.mapping, dryRun: $0.dryRun, actor: context.actor)
        }
    }

    /// A file as uploaded: its bytes and name, a column mapping beside it, and whether this is a trial run.
    struct Upload {
        var bytes: [UInt8]
        var name: String
        var mapping: [UInt8]?
        var dryRun: Bool
    }

    /// Takes an uploaded file (the API's text body, or the page's multipart form), imports it
    /// with `run`, and answers with its report: JSON, or the report's page.
    func upload(_ request: Request, context: SignedInContext, answer: Answer, kind: String, also: String = "", people: Bool,
                _ run: (Upload) async throws -> ImportReport) async throws -> Response {
        switch answer {
        case .json:
            if let type = request.headers[.contentType], !type.lowercased().hasPrefix("text/") {
                throw HTTPError(.unsupportedMediaType, message: "the file goes in the body as text/csv")
            }
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let report = try await run(Upload(bytes: Array(buffer: body), name: Self.safeName(request.query("name")), mapping: nil,
                                              dryRun: try request.flag("dryRun")))
            return try JSONBody(value: report).response(from: request, context: context)
        case .page:
            let form = try MultipartForm(contentType: request.headers[.contentType], body: try await request.body.collect(upTo: context.maxUploadSize))
            try CSRF.verify(form.text("csrf") ?? "", context: context)
            guard let file = form.file("report") else { throw WardenError.invalidRequest("file: choose the file to import") }
            do {
                let report = try await run(Upload(bytes: file.data, name: Self.safeName(file.fileName), mapping: form.file("mapping")?.data,
                                                  dryRun: form.text("dryRun") == "on"))
                return try pages.render(ImportReportPage(chrome: Chrome(context), kind: kind, also: also, people: people, report: report), template: "import-report")
            } catch WardenError.importRejected(let report) {
                return try pages.render(ImportReportPage(chrome: Chrome(context), kind: kind, also: also, people: people, report: report),
                                        template: "import-report", status: .badRequest)
            }
        }
    }

    @Sendable func rules(_ request: Request, context: SignedInContext) async throws -> JSONBody<DuesRules> {
        JSONBody(value: try await warden.people.duesRules())
    }

    struct RulesBody: Decodable {
        var arrearsAfterDays: Int
        var lapseAfterDays: Int
    }

    @Sendable func setRules(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        switch answer {
        case .json:
            let body = try await request.json(RulesBody.self, context: context, expected: "expected arrearsAfterDays and lapseAfterDays (days)")
            let rules = try await warden.people.setDuesRules(arrearsAfterDays: body.arrearsAfterDays, lapseAfterDays: body.lapseAfterDays,
                                                             actor: context.actor)
            return try JSONBody(value: rules).response(from: request, context: context)
        case .page:
            let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
            try CSRF.verify(fields.first("csrf") ?? "", context: context)
            guard let arrears = fields.first("arrearsAfterDays").flatMap({ Int($0) }),
                  let lapse = fields.first("lapseAfterDays").flatMap({ Int($0) })
            else { throw WardenError.invalidRequest("grace periods: whole numbers of days") }
            _ = try await warden.people.setDuesRules(arrearsAfterDays: arrears, lapseAfterDays: lapse, actor: context.actor)
            return .redirect(to: "/membership?done=rules", type: .normal)
        }
    }

    struct Moves: ResponseEncodable {
        /// How many members moved, by move (`"active → in_arrears"`).
        var moves: [String: Int]
    }

    @Sendable func applyRules(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        try await answer.checkForgery(request, context: context)
        let moves = try await warden.people.applyDuesRules(actor: context.actor)
        switch answer {
        case .json: return try Moves(moves: moves).response(from: request, context: context)
        case .page: return .redirect(to: "/membership?done=applied&moved=\(moves.values.reduce(0, +))", type: .normal)
        }
    }

    /// An uploaded file's name as Warden keeps and shows it: its last path component, printable
    /// characters only, at most 100 of them; "upload.csv" when nothing is left.
    static func safeName(_ name: String?) -> String {
        let last = (name ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let kept = String(last.unicodeScalars.filter { !SafeText.isUnsafe($0) && !$0.properties.isWhitespace || $0 == " " }.prefix(100))
        return kept.trimmingCharacters(in: .whitespaces).isEmpty ? "upload.csv" : kept
    }
}
