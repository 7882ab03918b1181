import Foundation
import Hummingbird
import WardenCore

/// What opening an incident, writing a phase and approving the notice are given: a JSON body
/// on the API, a CSRF-checked form on the pages, both read into the same values.
enum IncidentBodies {
    struct Open: Decodable {
        var title: String
        /// When the party became aware; now when left out.
        var aware: Timestamp?
        var scope: IncidentScope
    }

    struct OpenForm: Decodable, CSRFCarrying {
        var csrf: String
        var title: String
        var aware: String?
        var actors: String?
        var areas: String?
        var from: String?
        var to: String?
        var walkList: String?
        var sheet: String?
        var whole: String?
    }

    struct Phase: Decodable { var nature: String; var consequences: String; var measures: String }
    struct PhaseForm: Decodable, CSRFCarrying { var csrf: String; var nature: String; var consequences: String; var measures: String }
    struct Notice: Decodable { var subject: String; var body: String }
    struct NoticeForm: Decodable, CSRFCarrying { var csrf: String; var subject: String; var body: String }

    static func open(_ request: Request, context: SignedInContext, answer: Answer) async throws -> (title: String, aware: Timestamp, scope: IncidentScope) {
        switch answer {
        case .json:
            let body = try await request.json(Open.self, context: context, expected: "expected title, scope and optionally aware")
            return (body.title, body.aware ?? .now, body.scope)
        case .page:
            let form: OpenForm = try await CSRF.checkedForm(request, context: context)
            func list(_ text: String?) -> [String] {
                (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            let walkList = try form.walkList.flatMap { $0.isEmpty ? nil : $0 }.map { text -> WalkListID in
                guard let id = Int64(text) else { throw WardenError.invalidRequest("walkList: a walk list's number") }
                return WalkListID(rawValue: id)
            }
            let scope = IncidentScope(actors: list(form.actors), areas: list(form.areas), from: try instant(form.from, field: "from", end: false),
                                      to: try instant(form.to, field: "to", end: true), walkList: walkList,
                                      sheet: form.sheet.flatMap { $0.isEmpty ? nil : $0 }, wholeDatabaseAsOf: form.whole == "yes" ? .now : nil)
            return (form.title, try instant(form.aware, field: "aware", end: false) ?? .now, scope)
        }
    }

    /// A form's date (`2026-11-30`: its start, or with `end` its last second) or time
    /// (`2026-11-30T09:15`, UTC), or nothing when blank.
    static func instant(_ text: String?, field: String, end: Bool) throws -> Timestamp? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let date = CalendarDate(parsing: text), let instant = Timestamp(iso8601: "\(date)T\(end ? "23:59:59" : "00:00:00")Z") { return instant }
        if let instant = Timestamp(iso8601: text) ?? Timestamp(iso8601: text + ":00Z") { return instant }
        throw WardenError.invalidRequest("\(field): a date such as 2026-11-30, or a time such as 2026-11-30T09:15 (UTC)")
    }

    static func phase(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Phase {
        switch answer {
        case .json: return try await request.json(Phase.self, context: context, expected: "expected nature, consequences and measures")
        case .page:
            let form: PhaseForm = try await CSRF.checkedForm(request, context: context)
            return Phase(nature: form.nature, consequences: form.consequences, measures: form.measures)
        }
    }

    static func notice(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Notice {
        switch answer {
        case .json: return try await request.json(Notice.self, context: context, expected: "expected subject and body")
        case .page:
            let form: NoticeForm = try await CSRF.checkedForm(request, context: context)
            return Notice(subject: form.subject, body: form.body)
        }
    }
}
