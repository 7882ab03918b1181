import Foundation
import Hummingbird
import WardenCore

/// What the volunteer steps are given: a JSON body on the API, a CSRF-checked form on the
/// pages, both read into the same values.
enum VolunteerBodies {
    /// Someone an organiser met, recorded as a volunteer.
    struct Record: Decodable {
        var personID: Int64
        var areaCode: String
        var skills: Set<VolunteerSkill>
        var availability: String?
    }

    /// A change to a volunteer, as the API takes it (each field optional).
    struct Change: Decodable {
        var status: VolunteerStatus?
        var skills: Set<VolunteerSkill>?
        var availability: String?
    }

    struct ChangeForm: Decodable, CSRFCarrying {
        var csrf: String
        var status: String?
        var availability: String?
    }

    /// The list's filter from the query: `skill` and `status`, each one of its words or absent.
    static func filter(_ request: Request) throws -> VolunteerFilter {
        var filter = VolunteerFilter()
        if let skill = request.query("skill"), !skill.isEmpty {
            guard let found = VolunteerSkill(rawValue: skill) else {
                throw WardenError.invalidRequest("skill: one of \(VolunteerSkill.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.skill = found
        }
        if let status = request.query("status"), !status.isEmpty {
            guard let found = VolunteerStatus(rawValue: status) else {
                throw WardenError.invalidRequest("status: one of \(VolunteerStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.status = found
        }
        return filter
    }

    static func change(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Change {
        switch answer {
        case .json:
            return try await request.json(Change.self, context: context, expected: """
                expected any of status (new, contacted, active or lapsed), skills (a list) and availability
                """)
        case .page:
            let form: ChangeForm = try await CSRF.checkedForm(request, context: context)
            guard let status = form.status.map(VolunteerStatus.init(rawValue:)) ?? nil else {
                throw WardenError.invalidRequest("status: new, contacted, active or lapsed")
            }
            return Change(status: status, availability: form.availability)
        }
    }

    struct Username: Decodable { var username: String }
    struct UsernameForm: Decodable, CSRFCarrying { var csrf: String; var username: String }

    static func username(_ request: Request, context: SignedInContext, answer: Answer) async throws -> String {
        switch answer {
        case .json: try await request.json(Username.self, context: context, expected: "expected username").username
        case .page: (try await CSRF.checkedForm(request, context: context) as UsernameForm).username.trimmingCharacters(in: .whitespaces)
        }
    }

    struct Password: Decodable { var password: String }
    struct PasswordForm: Decodable, CSRFCarrying { var csrf: String; var password: String }

    static func password(_ request: Request, context: SignedInContext, answer: Answer) async throws -> String {
        switch answer {
        case .json: try await request.json(Password.self, context: context, expected: "expected password (at least 12 characters)").password
        case .page: (try await CSRF.checkedForm(request, context: context) as PasswordForm).password
        }
    }
}
