import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// What a mailing's steps are given: a JSON body on the API, a CSRF-checked form on the
/// pages, both read into the same values.
enum MailingBodies {
    /// A mailing as the API takes it.
    struct Write: Decodable {
        var areaCode: String
        var subject: String
        var body: String
        var mailClass: MailClass
        var audience: Audience
        var aboutCandidates: Bool?
    }

    struct WriteForm: Decodable, CSRFCarrying {
        var csrf: String
        var area: String
        var subject: String
        var body: String
        var mailClass: String
        var audience: String
        var aboutCandidates: String?
    }

    static func write(_ request: Request, context: SignedInContext, answer: Answer) async throws -> MailingDraft {
        switch answer {
        case .json:
            let body = try await request.json(Write.self, context: context, expected: """
                expected areaCode, subject, body, mailClass (service or campaigning), audience (members, active_members, supporters, volunteers or volunteers:SKILL) \
                and optionally aboutCandidates
                """)
            return MailingDraft(areaCode: body.areaCode, subject: body.subject, body: body.body, mailClass: body.mailClass, audience: body.audience,
                                aboutCandidates: body.aboutCandidates ?? false)
        case .page:
            let form: WriteForm = try await CSRF.checkedForm(request, context: context)
            guard let mailClass = MailClass(rawValue: form.mailClass) else { throw WardenError.invalidRequest("mailClass: service or campaigning") }
            guard let audience = Audience(name: form.audience) else { throw WardenError.invalidRequest(Audience.expected) }
            return MailingDraft(areaCode: form.area.trimmingCharacters(in: .whitespaces), subject: form.subject,
                                body: form.body.replacingOccurrences(of: "\r\n", with: "\n"), mailClass: mailClass, audience: audience,
                                aboutCandidates: form.aboutCandidates != nil)
        }
    }

    /// An objection or unsubscribe staff were told of.
    struct Record: Decodable {
        var reason: SuppressionReason
        var addresses: [String]
        var note: String?
    }

    struct RecordForm: Decodable, CSRFCarrying {
        var csrf: String
        var reason: String
        var addresses: String
        var note: String?
    }

    static func record(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Record {
        switch answer {
        case .json:
            return try await request.json(Record.self, context: context, expected: "expected reason (objected or unsubscribed), addresses and optionally note")
        case .page:
            let form: RecordForm = try await CSRF.checkedForm(request, context: context)
            guard let reason = SuppressionReason(rawValue: form.reason) else { throw WardenError.invalidRequest("reason: objected or unsubscribed") }
            let addresses = form.addresses.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return Record(reason: reason, addresses: addresses, note: form.note)
        }
    }
}
