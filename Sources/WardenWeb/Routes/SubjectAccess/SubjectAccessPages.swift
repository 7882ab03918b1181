import Foundation
import Hummingbird
import WardenCore

/// The pages of subject access: the dashboard and one case. Logic-free view models; what a
/// page may offer follows from the lifecycle (``SubjectAccessLifecycle/allowed(in:)``).
enum SubjectAccessPages {
    struct Dashboard {
        var chrome: Chrome
        var rows: [Row]
        var none: Bool
        var all: Bool
        var today: String
        var channels: [Option]

        init(_ context: SignedInContext, cases: [SubjectAccessCase], all: Bool, today: CalendarDate) {
            chrome = Chrome(context)
            rows = cases.map { Row($0, today: today) }
            none = cases.isEmpty
            self.all = all
            self.today = today.description
            channels = SubjectAccessChannel.allCases.filter { $0 != .selfService }.map { Option(value: $0.rawValue, label: $0.words) }
        }
    }

    struct Row {
        var id: String
        var requester: String
        var state: String
        var received: String
        var due: String
        var left: String
        /// `overdue`, `soon` (within the warning days) or empty, for the row's colour.
        var urgency: String

        init(_ case_: SubjectAccessCase, today: CalendarDate) {
            id = case_.id.description
            requester = case_.requester
            state = case_.state.words
            received = case_.receivedOn.readable
            due = case_.dueOn.readable
            let days = case_.daysLeft(on: today)
            if !case_.awaitsAnswer {
                left = "answered"
                urgency = ""
            } else if days < 0 {
                left = "overdue by \(-days) day\(days == -1 ? "" : "s")"
                urgency = "overdue"
            } else {
                left = days == 0 ? "due today" : "\(days) day\(days == 1 ? "" : "s") left"
                urgency = days <= SubjectAccessDeadline.warningDays ? "soon" : ""
            }
        }
    }

    struct Option { var value: String; var label: String }
    struct Fact { var label: String; var value: String }
    struct Candidate { var id: String; var name: String; var born: String; var address: String; var membership: String }

    struct CasePage {
        var chrome: Chrome
        var id: String
        var row: Row
        var notice: String?
        var facts: [Fact]
        var subjects: String
        var may: [String: Bool]
        var grounds: [Option]
        var today: String
        var search: Search?
        var candidates: [Candidate] = []
        var searched = false
        var noCandidates = false

        init(_ context: SignedInContext, case_: SubjectAccessCase, today: CalendarDate, done: String?) {
            chrome = Chrome(context)
            id = case_.id.description
            row = Row(case_, today: today)
            notice = done.flatMap(Self.message(for:))
            var facts = [Fact(label: "Requester", value: case_.requester), Fact(label: "Arrived by", value: case_.channel.words),
                         Fact(label: "Received", value: case_.receivedOn.description), Fact(label: "Opened by", value: "\(case_.openedBy) at \(case_.openedAt.readable)")]
            if let check = case_.identityCheck { facts.append(Fact(label: "Identity", value: "\(check.method) (checked by \(check.by) at \(check.at.readable))")) }
            if let extended = case_.extended {
                facts.append(Fact(label: "Extended", value: "by \(extended.months) month(s): \(extended.reason); requester told \(extended.requesterToldOn)"))
            }
            if let ground = case_.refusalGround { facts.append(Fact(label: "Refused", value: ground.words)) }
            if let outcome = case_.outcome { facts.append(Fact(label: case_.state == .refused || case_.refusalGround != nil ? "Reason" : "Sent", value: outcome)) }
            if let closed = case_.closedAt { facts.append(Fact(label: "Closed", value: closed.readable)) }
            self.facts = facts
            subjects = case_.subjects.isEmpty ? "none confirmed yet" : case_.subjects.map(\.description).joined(separator: ", ")
            let allowed = SubjectAccessLifecycle.allowed(in: case_.state)
            may = Dictionary(uniqueKeysWithValues: SubjectAccessLifecycle.StepName.allCases.map { name in
                (name.rawValue, allowed.contains(name) && !(name == .extend && case_.extended != nil))
            })
            grounds = RefusalGround.allCases.map { Option(value: $0.rawValue, label: $0.words) }
            self.today = today.description
        }

        mutating func show(_ search: Search, candidates people: [PersonView]) {
            self.search = search
            searched = true
            noCandidates = people.isEmpty
            candidates = people.map { person in
                Candidate(id: person.id.description, name: [person.title, person.forenames, person.surname].compactMap { $0 }.joined(separator: " "),
                          born: person.dateOfBirth?.description ?? "", address: person.address.map { ($0.lines + [$0.postcode]).joined(separator: ", ") } ?? "",
                          membership: [person.membershipNumber, person.membershipStatus?.rawValue].compactMap { $0 }.joined(separator: " · "))
            }
        }

        /// The message after a step, from the step's name: a fixed text, never the query's.
        static func message(for done: String) -> String? {
            if done == "opened" { return "Case opened. Check the requester's identity and find their records." }
            return SubjectAccessLifecycle.StepName(rawValue: done).map { "Done: \($0.words)." }
        }
    }

    /// The search for the requester: a name and one more fact, from the query string.
    struct Search {
        var name: String
        var postcode: String
        var born: String
        var email: String
        var phone: String

        init(_ request: Request) {
            name = request.query("name") ?? ""
            postcode = request.query("postcode") ?? ""
            born = request.query("born") ?? ""
            email = request.query("email") ?? ""
            phone = request.query("phone") ?? ""
        }

        var asked: Bool { ![name, postcode, born, email, phone].allSatisfy(\.isEmpty) }

        func query() throws -> PeopleQuery {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw WardenError.invalidRequest("name: required") }
            return PeopleQuery(text: name, limit: PeopleQuery.maximumLimit,
                               alsoMatching: try PeopleQuery.Confirming(postcode: postcode, dateOfBirth: born, email: email, phone: phone))
        }
    }
}
