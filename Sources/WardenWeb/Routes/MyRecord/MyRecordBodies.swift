import Foundation
import Hummingbird
import WardenCore

/// What the member's own forms and their API twins are given, read into the same values.
enum MyRecordBodies {
    /// The API's contact change: any of the three, with what the member consents to on each.
    struct Contact: Decodable {
        var email: String?
        var phone: String?
        var postal: String?
        var emailConsent: [ContactPoint.Channel]?
        var phoneConsent: [ContactPoint.Channel]?
        var postalConsent: [ContactPoint.Channel]?
    }

    /// The page's form: all three fields (prefilled; empty removes) and a box per channel.
    struct ContactForm: Decodable, CSRFCarrying {
        var csrf: String
        var email: String?
        var phone: String?
        var postal: String?
        var consentEmail: String?
        var consentSms: String?
        var consentCall: String?
        var consentPost: String?
    }

    struct Resign: Decodable { var reason: String? }
    struct ResignForm: Decodable, CSRFCarrying { var csrf: String; var reason: String?; var confirm: String? }

    static func contactEdits(_ request: Request, context: SignedInContext, answer: Answer) async throws -> [ContactEdit] {
        switch answer {
        case .json:
            let body = try await request.json(Contact.self, context: context,
                                              expected: "expected any of email, phone, postal (empty removes) and their consents (emailConsent …)")
            var edits: [ContactEdit] = []
            for (kind, text, consent) in [(ContactPoint.Kind.email, body.email, body.emailConsent), (.phone, body.phone, body.phoneConsent),
                                          (.postal, body.postal, body.postalConsent)] {
                if text == nil, consent != nil { throw WardenError.invalidRequest("\(kind.rawValue): give it with its consent") }
                if let text { edits.append(try ContactEdit(kind: kind, text: text, consent: consent.map(Set.init))) }
            }
            guard !edits.isEmpty else { throw WardenError.invalidRequest("give at least one of email, phone or postal") }
            return edits
        case .page:
            let form: ContactForm = try await CSRF.checkedForm(request, context: context)
            return [
                try ContactEdit(kind: .email, text: form.email, consent: form.consentEmail != nil ? [.email] : []),
                try ContactEdit(kind: .phone, text: form.phone,
                                consent: Set([form.consentSms != nil ? ContactPoint.Channel.sms : nil, form.consentCall != nil ? .call : nil].compactMap { $0 })),
                try ContactEdit(kind: .postal, text: form.postal, consent: form.consentPost != nil ? [.post] : []),
            ]
        }
    }

    /// The reason for resigning; the form also needs its box ticked, so one click cannot resign.
    static func resignation(_ request: Request, context: SignedInContext, answer: Answer) async throws -> String {
        let given: String?
        switch answer {
        case .json:
            given = try await request.json(Resign.self, context: context, expected: "expected a JSON object, with a reason if you like").reason
        case .page:
            let form: ResignForm = try await CSRF.checkedForm(request, context: context)
            guard form.confirm != nil else { throw WardenError.invalidRequest("confirm: tick the box to say you mean to resign") }
            given = form.reason
        }
        guard let reason = given?.trimmingCharacters(in: .whitespaces), !reason.isEmpty else { return "resigned on their own page" }
        return reason
    }
}
