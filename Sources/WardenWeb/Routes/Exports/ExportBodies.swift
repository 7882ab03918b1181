import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// What asking for, approving and refusing an export are given: a JSON body on the API, a
/// CSRF-checked form on the pages, both read into the same values.
enum ExportBodies {
    struct Ask: Decodable {
        var purpose: String
        var fields: [ExportField]
        var areaID: Int64
        var population: ExportSelection.Population
        var recipient: ExportRecipient
    }

    struct Decide: Decodable {
        var reason: String
        var specialCategory: Bool?
        var overBudget: Bool?
    }

    static func ask(_ request: Request, context: SignedInContext, answer: Answer) async throws -> ExportDraft {
        switch answer {
        case .json:
            let body = try await request.json(Ask.self, context: context,
                                              expected: "expected purpose, fields, areaID, population and recipient (name, and ageKey or email)")
            return ExportDraft(purposeID: body.purpose, recipient: body.recipient,
                               selection: ExportSelection(areaID: AreaID(body.areaID), population: body.population), fields: body.fields)
        case .page:
            let form = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
            try CSRF.verify(form.first("csrf") ?? "", context: context)
            guard let area = form.first("area").flatMap(Int64.init) else { throw WardenError.invalidRequest("area: choose an area") }
            guard let population = form.first("population").flatMap(ExportSelection.Population.init(rawValue:)) else {
                throw WardenError.invalidRequest("population: electors, members or everyone")
            }
            let fields = try ExportField.parse(form.all("field").joined(separator: ","))
            let name = form.first("recipient") ?? ""
            let recipient = switch form.first("delivery") {
            case "key": ExportRecipient(name: name, delivery: .ageKey(form.first("key") ?? ""))
            default: ExportRecipient(name: name, delivery: .link(email: form.first("email") ?? ""))
            }
            return ExportDraft(purposeID: form.first("purpose") ?? "", recipient: recipient,
                               selection: ExportSelection(areaID: AreaID(area), population: population), fields: fields)
        }
    }

    static func decide(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Decide {
        switch answer {
        case .json:
            return try await request.json(Decide.self, context: context, expected: "expected reason, and optionally specialCategory and overBudget")
        case .page:
            let form = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
            try CSRF.verify(form.first("csrf") ?? "", context: context)
            return Decide(reason: form.first("reason") ?? "", specialCategory: form.first("special") == "yes", overBudget: form.first("budget") == "yes")
        }
    }
}
