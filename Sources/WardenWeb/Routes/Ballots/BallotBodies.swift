import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// What the ballot's steps are given: a JSON body on the API, a CSRF-checked form on the
/// pages, both read into the same values.
enum BallotBodies {
    struct CreateForm: Decodable, CSRFCarrying {
        var csrf: String
        var title: String
        var area: String
        var candidates: String
        var reopenNominations: String?
        var seats: String?
        var joinedBy: String
        var arrearsMayVote: String?
        var online: String?
        var inPerson: String?
        var postal: String?
        var freeze: String
        var opens: String
        var closes: String
        var returningOfficer: String
        var scrutineers: String
        var agents: String?
        var coolingOffHours: String?
    }

    static func create(_ request: Request, context: SignedInContext, answer: Answer) async throws -> BallotDraft {
        switch answer {
        case .json:
            return try await request.json(BallotDraft.self, context: context, expected: """
                expected title, areaCode, candidates, seats, joinedOnOrBefore, channels, freezeAt, opensAt, closesAt, trustees \
                (returning officer then two scrutineers) and optionally reopenNominations, inArrearsMayVote, agents, coolingOffHours
                """)
        case .page:
            let form: CreateForm = try await CSRF.checkedForm(request, context: context)
            // A textarea's lines end in CRLF, one Character: split on any line break.
            func list(_ text: String?, by separator: Character) -> [String] {
                (text ?? "").split { separator == "\n" ? $0.isNewline : $0 == separator }
                    .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            }
            func time(_ text: String, _ field: String) throws -> Timestamp {
                guard let instant = try IncidentBodies.instant(text, field: field, end: false) else { throw WardenError.invalidRequest("\(field): required") }
                return instant
            }
            guard let joined = CalendarDate(parsing: form.joinedBy) else { throw WardenError.invalidRequest("joinedBy: a date such as 2026-01-31") }
            guard let seats = Int(form.seats ?? "1") else { throw WardenError.invalidRequest("seats: a number") }
            guard let cooling = Int(form.coolingOffHours.flatMap { $0.isEmpty ? nil : $0 } ?? "48") else {
                throw WardenError.invalidRequest("coolingOffHours: a number of hours")
            }
            let channels: Set<BallotChannel> = Set([form.online.map { _ in .online }, form.inPerson.map { _ in .inPerson }, form.postal.map { _ in .postal }]
                .compactMap { $0 })
            return BallotDraft(
                title: form.title, areaCode: form.area.trimmingCharacters(in: .whitespaces), candidates: list(form.candidates, by: "\n"),
                reopenNominations: form.reopenNominations != nil, seats: seats, joinedOnOrBefore: joined, inArrearsMayVote: form.arrearsMayVote != nil,
                channels: channels, freezeAt: try time(form.freeze, "freeze"), opensAt: try time(form.opens, "opens"), closesAt: try time(form.closes, "closes"),
                trustees: [form.returningOfficer.trimmingCharacters(in: .whitespaces)] + list(form.scrutineers, by: ","),
                agents: list(form.agents, by: ","), coolingOffHours: cooling)
        }
    }

    struct TrusteeKey: Decodable { var trustee: String; var recipient: String }
    struct TrusteeKeyForm: Decodable, CSRFCarrying { var csrf: String; var trustee: String; var recipient: String }

    static func trusteeKey(_ request: Request, context: SignedInContext, answer: Answer) async throws -> TrusteeKey {
        switch answer {
        case .json: return try await request.json(TrusteeKey.self, context: context, expected: "expected trustee (a username) and recipient (age1…)")
        case .page:
            let form: TrusteeKeyForm = try await CSRF.checkedForm(request, context: context)
            return TrusteeKey(trustee: form.trustee, recipient: form.recipient.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    struct Issue: Decodable {
        /// The voter's membership number; absent for the signed-in member's own credential.
        var member: String?
        var channel: BallotChannel
    }

    struct IssueForm: Decodable, CSRFCarrying { var csrf: String; var member: String?; var channel: String }

    static func issue(_ request: Request, context: SignedInContext, answer: Answer) async throws -> (voter: BallotVoter, channel: BallotChannel) {
        let body: Issue = switch answer {
        case .json: try await request.json(Issue.self, context: context, expected: "expected channel (online, in_person, postal) and member (a membership number) unless it is your own")
        case .page:
            try await { () async throws -> Issue in
                let form: IssueForm = try await CSRF.checkedForm(request, context: context)
                guard let channel = BallotChannel(rawValue: form.channel) else { throw WardenError.invalidRequest("channel: online, in_person or postal") }
                return Issue(member: form.member.flatMap { $0.isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }, channel: channel)
            }()
        }
        if let member = body.member { return (.membershipNumber(member), body.channel) }
        guard let person = context.actor.personID else { throw WardenError.invalidRequest("member: whose credential (your account is no member's)") }
        return (.person(person), body.channel)
    }

    struct VoidBody: Decodable { var member: String; var reason: String }
    struct VoidForm: Decodable, CSRFCarrying { var csrf: String; var member: String; var reason: String }

    static func void(_ request: Request, context: SignedInContext, answer: Answer) async throws -> VoidBody {
        switch answer {
        case .json: return try await request.json(VoidBody.self, context: context, expected: "expected member (a membership number) and reason")
        case .page:
            let form: VoidForm = try await CSRF.checkedForm(request, context: context)
            return VoidBody(member: form.member.trimmingCharacters(in: .whitespaces), reason: form.reason)
        }
    }

    struct HeldAnswer: Decodable { var confirm: Bool }
    struct HeldAnswerForm: Decodable, CSRFCarrying { var csrf: String; var answer: String }

    static func heldAnswer(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Bool {
        switch answer {
        case .json: return try await request.json(HeldAnswer.self, context: context, expected: "expected confirm (true or false)").confirm
        case .page:
            let form: HeldAnswerForm = try await CSRF.checkedForm(request, context: context)
            return form.answer == "confirm"
        }
    }

    struct Share: Decodable { var share: String }
    struct ShareForm: Decodable, CSRFCarrying { var csrf: String; var share: String }

    static func share(_ request: Request, context: SignedInContext, answer: Answer) async throws -> String {
        switch answer {
        case .json: return try await request.json(Share.self, context: context, expected: "expected share (the line age -d gave you)").share
        case .page:
            let form: ShareForm = try await CSRF.checkedForm(request, context: context)
            return form.share
        }
    }

    /// A vote, from the public API or the voting page.
    struct Vote: Decodable {
        var credential: String
        /// Candidate numbers from 1, first preference first.
        var ranking: [Int]
    }

    /// The voting page's form: a preference number (1, 2, …) beside each candidate, blank for none.
    static func vote(_ fields: FormFields, candidates: Int) throws -> Vote {
        var places: [Int: Int] = [:]
        for candidate in 1...max(candidates, 1) {
            guard let text = fields.nonEmpty("c\(candidate)")?.trimmingCharacters(in: .whitespaces) else { continue }
            guard let place = Int(text), (1...candidates).contains(place) else {
                throw WardenError.invalidRequest("preferences: numbers from 1 to \(candidates)")
            }
            guard places[place] == nil else { throw WardenError.invalidRequest("preferences: each number once") }
            places[place] = candidate
        }
        let ranking = places.keys.sorted().compactMap { places[$0] }
        guard places.keys.sorted() == Array(1..<(ranking.count + 1)) else {
            throw WardenError.invalidRequest("preferences: 1, then 2, and so on, without a gap")
        }
        return Vote(credential: fields.first("credential") ?? "", ranking: ranking)
    }
}
