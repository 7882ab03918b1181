import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// Joining: the membership office types in a new member's application, and Warden records
/// them linked to their entry on the register when one matches (name and postcode), or at
/// their own address when none does. The same checks as a membership export's line apply;
/// a problem shows the form again with what was typed.
struct JoinResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.signedInPages.get("membership/join", use: form)
        surfaces.signedInPages.post("membership/join", use: join)
    }

    /// The form, for those who may record a member: anyone else is told so here, rather than
    /// after typing an application in (the Gate decides the recording itself).
    @Sendable func form(_ request: Request, context: SignedInContext) async throws -> Response {
        let areas = try await warden.areas.byID()
        guard AccessPolicy.mayImport(context.actor, purpose: .membershipAdministration, areas: areas) else {
            throw WardenError.forbidden("new members are recorded by a membership secretary over the whole party")
        }
        return try await render(JoinForm(values: [:]), context: context)
    }

    @Sendable func join(_ request: Request, context: SignedInContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        try CSRF.verify(fields.first("csrf") ?? "", context: context)
        var values: [String: String] = [:]
        for field in ImportService.applicationFields { values[field] = fields.first(JoinForm.name(of: field)) ?? "" }
        values["Joined"] = Timestamp.now.date.description
        var form = JoinForm(values: values)
        do {
            let report = try await warden.imports.join(values, actor: context.actor)
            let number = values["Membership Number"] ?? ""
            let found = try await warden.people.search(PeopleQuery(text: number), actor: context.actor, purpose: .membershipAdministration)
            guard let member = found.value.first(where: { $0.membershipNumber == number }) else {
                return .redirect(to: "/membership", type: .normal)
            }
            return .redirect(to: "/people/\(member.id)?joined=\(report.linked > 0 ? "linked" : "unlinked")", type: .normal)
        } catch WardenError.importRejected(let report) {
            form.problems = report.problems.map { "\($0.field): \($0.problem)" }
        } catch WardenError.invalidRequest(let problem) {
            form.problems = [problem]
        }
        form.hasProblems = true
        return try await render(form, context: context, status: .badRequest)
    }

    func render(_ form: JoinForm, context: SignedInContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        var form = form
        form.chrome = Chrome(context)
        form.offerBranches(try await warden.areas.all())
        return try pages.render(form, template: "join", status: status)
    }
}

/// The application form, keeping what was typed.
struct JoinForm {
    var chrome: Chrome?
    var inputs: [Input]
    var branches: [Option] = []
    var frequencies: [Option]
    var consents: [Input]
    var problems: [String] = []
    var hasProblems = false
    private let chosenBranch: String

    struct Input {
        var name: String
        var label: String
        var value: String
        var type: String
        var required: Bool
        var autocomplete: String
        var checked: Bool
    }

    struct Option { var value: String; var label: String; var selected: Bool }

    /// The form field for an application field: `"First Name"` → `"first_name"`.
    static func name(of field: String) -> String {
        field.lowercased().replacingOccurrences(of: " ", with: "_")
    }

    init(values: [String: String]) {
        func input(_ field: String, _ label: String, type: String = "text", required: Bool = false, autocomplete: String = "off") -> Input {
            Input(name: Self.name(of: field), label: label, value: values[field] ?? "", type: type, required: required,
                  autocomplete: autocomplete, checked: false)
        }
        inputs = [
            input("Membership Number", "Membership number", required: true),
            input("First Name", "First name", autocomplete: "given-name"),
            input("Surname", "Surname", required: true, autocomplete: "family-name"),
            input("Date of Birth", "Date of birth (optional: it helps find them on the register)", autocomplete: "bday"),
            input("Address 1", "Address", autocomplete: "address-line1"),
            input("Address 2", "Address (line 2)", autocomplete: "address-line2"),
            input("Address 3", "Town", autocomplete: "address-level2"),
            input("Postcode", "Postcode", autocomplete: "postal-code"),
            input("Email", "Email", type: "email", autocomplete: "email"),
            input("Mobile", "Phone", type: "tel", autocomplete: "tel"),
            input("Dues", "Dues (£)", required: true),
        ]
        let frequency = values["Frequency"] ?? ""
        frequencies = Dues.Frequency.allCases.map { Option(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == frequency) }
        consents = [("Email Consent", "They agree to emails"), ("SMS Consent", "They agree to texts"), ("Phone Consent", "They agree to calls")].map { field, label in
            Input(name: Self.name(of: field), label: label, value: "Y", type: "checkbox", required: false, autocomplete: "off",
                  checked: values[field] == "Y")
        }
        chosenBranch = values["Branch"] ?? ""
    }

    /// The wards a member may belong to, as their branch.
    mutating func offerBranches(_ areas: [Area]) {
        let chosen = chosenBranch
        branches = [Option(value: "", label: "none yet", selected: chosen.isEmpty)]
            + areas.filter { $0.level == .ward }.sorted { $0.name < $1.name }
                .map { Option(value: $0.code, label: $0.name, selected: $0.code == chosen) }
    }
}
