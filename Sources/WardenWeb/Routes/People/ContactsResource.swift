import Hummingbird
import WardenCore
import WardenServices

/// Changing a person's contact details through the API. The service checks the caller's
/// grants, versions the change, records it and sends the person a notice.
struct ContactsResource: Resource {
    let warden: Warden

    func register(on surfaces: Surfaces) {
        surfaces.signedInAPI.patch("people/:id/contact", use: change)
    }

    struct ContactBody: Decodable {
        var email: String?
        var phone: String?
        var postal: String?
        var reason: String
        var purpose: Purpose?
    }

    struct ChangeResponse: ResponseEncodable {
        var changed: Bool
        var versionID: Int64?
        var fields: [String]
        var notices: Int
        var heldChange: Int64?
        var ballot: Int64?

        init(_ outcome: ContactChangeOutcome) {
            switch outcome {
            case .changed(let version, let fields, let notices):
                (changed, versionID, self.fields, self.notices) = (true, version, fields, notices)
            case .held(let hold, let ballot):
                (changed, fields, notices, heldChange, self.ballot) = (false, [], 0, hold, ballot.rawValue)
            case .unchanged, .notFound, .outOfScope:
                (changed, fields, notices) = (false, [], 0)
            }
        }
    }

    @Sendable func change(_ request: Request, context: SignedInContext) async throws -> ChangeResponse {
        let id = try context.pathID(missing: "no such person")
        let body = try await request.json(
            ContactBody.self, context: context,
            expected: "expected a JSON object with reason and any of email, phone, postal (empty string removes)")
        var edits: [ContactEdit] = []
        if let email = body.email { edits.append(try ContactEdit(kind: .email, text: email)) }
        if let phone = body.phone { edits.append(try ContactEdit(kind: .phone, text: phone)) }
        if let postal = body.postal { edits.append(try ContactEdit(kind: .postal, text: postal)) }
        let outcome = try await warden.people.changeContacts(
            of: PersonID(rawValue: id), edits: edits, reason: body.reason, actor: context.actor,
            purpose: body.purpose ?? .default(for: context.actor))
        return ChangeResponse(outcome)
    }
}
