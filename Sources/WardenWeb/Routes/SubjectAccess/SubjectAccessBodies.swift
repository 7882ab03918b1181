import Hummingbird
import WardenCore

/// What opening a case and taking a step are given: a JSON body on the API, a CSRF-checked
/// form on the pages, both read into the same values.
enum SubjectAccessBodies {
    struct Open: Decodable {
        var requester: String
        var channel: SubjectAccessChannel
        /// The date the request arrived; today when left out.
        var received: CalendarDate?
    }

    struct OpenForm: Decodable, CSRFCarrying {
        var csrf: String
        var requester: String
        var channel: String
        var received: String?
    }

    struct Step: Decodable {
        var step: SubjectAccessLifecycle.StepName
        var method: String?
        var people: [Int64]?
        var months: Int?
        var reason: String?
        var told: CalendarDate?
        var how: String?
        var ground: RefusalGround?

        func lifecycleStep() throws -> SubjectAccessLifecycle.Step {
            try .init(name: step, method: method, people: people?.map(PersonID.init(rawValue:)), months: months, reason: reason,
                      told: told, how: how, ground: ground)
        }
    }

    /// A step's form: every field is text (a form has no numbers), and the people confirmed
    /// are the ticked candidates, `people[]`.
    struct StepForm: Decodable, CSRFCarrying {
        var csrf: String
        var step: String
        var method: String?
        var people: [String]?
        var months: String?
        var reason: String?
        var told: String?
        var how: String?
        var ground: String?

        func lifecycleStep() throws -> SubjectAccessLifecycle.Step {
            guard let name = SubjectAccessLifecycle.StepName(rawValue: step) else { throw WardenError.invalidRequest("step: not a step of a case") }
            let people = try people.map { try $0.map { text in
                guard let id = Int64(text) else { throw WardenError.invalidRequest("people: person record numbers") }
                return PersonID(rawValue: id)
            } }
            let months = try months.map { text in
                guard let value = Int(text) else { throw WardenError.invalidRequest("months: 1 or 2") }
                return value
            }
            let told = try told.map { text in
                guard let date = CalendarDate(parsing: text) else { throw WardenError.invalidRequest("told: a date such as 2026-12-01") }
                return date
            }
            let ground = try ground.map { text in
                guard let value = RefusalGround(rawValue: text) else { throw WardenError.invalidRequest("ground: not a ground for refusal") }
                return value
            }
            return try .init(name: name, method: method, people: people, months: months, reason: reason, told: told, how: how, ground: ground)
        }
    }

    struct Passphrase: Decodable { var passphrase: String }
    struct PassphraseForm: Decodable, CSRFCarrying { var csrf: String; var passphrase: String }

    /// The requester's passphrase for the package, from the JSON body or the form.
    static func passphrase(_ request: Request, context: SignedInContext, answer: Answer) async throws -> String {
        switch answer {
        case .json: try await request.json(Passphrase.self, context: context, expected: "expected passphrase").passphrase
        case .page: (try await CSRF.checkedForm(request, context: context) as PassphraseForm).passphrase
        }
    }

    /// The open request, from the JSON body or the form.
    static func open(_ request: Request, context: SignedInContext, answer: Answer) async throws -> (String, SubjectAccessChannel, CalendarDate) {
        switch answer {
        case .json:
            let body = try await request.json(Open.self, context: context, expected: "expected requester, channel (\(SubjectAccessChannel.allCases.map(\.rawValue).joined(separator: ", "))) and received (YYYY-MM-DD)")
            return (body.requester, body.channel, body.received ?? Timestamp.now.date)
        case .page:
            let form: OpenForm = try await CSRF.checkedForm(request, context: context)
            guard let channel = SubjectAccessChannel(rawValue: form.channel) else { throw WardenError.invalidRequest("channel: how the request arrived") }
            var received = Timestamp.now.date
            if let text = form.received, !text.isEmpty {
                guard let date = CalendarDate(parsing: text) else { throw WardenError.invalidRequest("received: a date such as 2026-12-01") }
                received = date
            }
            return (form.requester, channel, received)
        }
    }

    /// The step asked for, from the JSON body or the form.
    static func step(_ request: Request, context: SignedInContext, answer: Answer) async throws -> SubjectAccessLifecycle.Step {
        switch answer {
        case .json:
            let body = try await request.json(Step.self, context: context, expected: "expected step (\(SubjectAccessLifecycle.StepName.allCases.map(\.rawValue).joined(separator: ", "))) and its details")
            return try body.lifecycleStep()
        case .page:
            let form: StepForm = try await CSRF.checkedForm(request, context: context)
            return try form.lifecycleStep()
        }
    }
}
