import Foundation
import Hummingbird
import WardenCore

/// What asking for, approving and refusing an erasure are given: a JSON body on the API, a
/// CSRF-checked form on the pages, both read into the same values.
enum ErasureBodies {
    struct Request: Decodable {
        var person: Int64
        var reason: String
        /// Whether a suppression entry keeps the party from contacting them again; yes when left out.
        var suppress: Bool?
    }

    struct RequestForm: Decodable, CSRFCarrying {
        var csrf: String
        var person: String
        var reason: String
        /// Ticked to let the party contact them again if they come back on the register.
        var contactable: String?
    }

    struct Refusal: Decodable { var reason: String }
    struct RefusalForm: Decodable, CSRFCarrying { var csrf: String; var reason: String }
    struct ConfirmForm: Decodable, CSRFCarrying { var csrf: String; var understood: String? }

    /// The request, from the JSON body or the form.
    static func request(_ request: Hummingbird.Request, context: SignedInContext, answer: Answer)
        async throws -> (person: PersonID, reason: String, suppress: Bool) {
        switch answer {
        case .json:
            let body = try await request.json(Request.self, context: context, expected: "expected person, reason and optionally suppress")
            return (PersonID(rawValue: body.person), body.reason, body.suppress ?? true)
        case .page:
            let form: RequestForm = try await CSRF.checkedForm(request, context: context)
            guard let person = Int64(form.person.trimmingCharacters(in: .whitespaces)) else {
                throw WardenError.invalidRequest("person: the person's record number")
            }
            return (PersonID(rawValue: person), form.reason, form.contactable != "yes")
        }
    }

    /// The reason for a refusal, from the JSON body or the form.
    static func refusal(_ request: Hummingbird.Request, context: SignedInContext, answer: Answer) async throws -> String {
        switch answer {
        case .json: try await request.json(Refusal.self, context: context, expected: "expected reason").reason
        case .page: (try await CSRF.checkedForm(request, context: context) as RefusalForm).reason
        }
    }

    /// On the page, the approver must tick that they understand an erasure cannot be undone;
    /// the API's caller says so by calling.
    static func confirmation(_ request: Hummingbird.Request, context: SignedInContext, answer: Answer) async throws {
        guard case .page = answer else { return }
        let form: ConfirmForm = try await CSRF.checkedForm(request, context: context)
        guard form.understood == "yes" else {
            throw WardenError.invalidRequest("understood: tick the box to say you understand an erasure cannot be undone")
        }
    }
}
