import Hummingbird
import Foundation
import WardenCore
import WardenServices

/// What every page's layout needs: who is signed in, their menu, the token its forms must
/// echo, and the message that answers what they just did.
struct Chrome {
    var username: String?
    var csrf: String?
    var roles: String?
    var isDPO: Bool
    var isAdministrator: Bool
    /// The signed-in user's menu (``Navigation``), the current page marked.
    var navigation: [Navigation.Item]
    /// Where the brand link leads: the user's home.
    var home: String
    /// Said after an action (from the page's `?done=`), so every action has its message.
    var notice: String?
    /// Shown at the top of the page when the reader has used 80% of today's read budget.
    var budgetWarning: String?

    /// The layout for `actor` (none when anonymous) on the route `path`, its forms echoing `csrf`.
    init(actor: Actor?, csrf: String?, path: String? = nil) {
        username = actor?.label
        self.csrf = csrf
        roles = actor.map { $0.roles.map(\.title).sorted().joined(separator: ", ") }
        isDPO = actor.map(AccessPolicy.mayReviewAudit) ?? false
        isAdministrator = actor.map(AccessPolicy.mayAdministerAccounts) ?? false
        navigation = actor.map { Navigation(actor: $0, path: path).items } ?? []
        home = actor.map(Navigation.home(of:)) ?? "/signin"
    }

    /// A page that anyone may see: the navigation shows only when someone is signed in.
    init(_ context: WardenRequestContext) {
        self.init(actor: context.actor, csrf: context.session?.csrfToken, path: context.endpointPath)
    }

    /// A signed-in user's page.
    init(_ context: SignedInContext) {
        self.init(actor: context.actor, csrf: context.session.csrfToken, path: context.endpointPath)
    }

    mutating func warn(_ budget: ReadBudgetStatus?) {
        guard let budget, budget.isNearlySpent else { return }
        budgetWarning = "You have read \(budget.used) of the \(budget.limit) people your role may read in a day. At the limit, reads stop and the data protection officer is told."
    }
}

struct SignInPage {
    var chrome: Chrome
    var csrf: String
    var failed: String?
    var username: String
    /// Said after a password change, which ends every session.
    var notice: String?
}

struct PersonPage {
    var chrome: Chrome
    var id: String
    var name: String
    var fields: [FieldRow]
    var contacts: [FieldRow]
    var areas: [AreaLink]
    /// `nil` when nothing is withheld (an empty string would still open the section).
    var withheld: String?
    /// Doorstep results, answers opened, for readers who may see them.
    var canvass: [FieldRow]
    /// The membership changes the reader may make here (a membership secretary looking at a
    /// member); empty otherwise, and the form is not shown.
    var membershipEvents: [Choice] = []
    /// Stored, not computed: Mustache sees stored properties only.
    var mayChangeMembership = false
    /// Said after a change, so every action has its message.
    var notice: String?
    /// The others at this address whom the reader may see (``PeopleService/household(of:actor:purpose:)``).
    var household: [Housemate] = [] { didSet { hasHousehold = !household.isEmpty } }
    var hasHousehold = false
    var householdWithheld: String?

    struct Housemate {
        var id: String
        var name: String
    }

    /// The member's newest payments and moves, for readers who may see them.
    var payments: [PaymentRow] = []
    var hasPayments = false
    var history: [HistoryRow] = []
    var hasHistory = false

    struct PaymentRow {
        var date: String
        var amount: String
        var outcome: String
        /// Marked in words and colour: a failed collection is what the office chases.
        var failed: Bool
        var report: String
    }

    struct HistoryRow {
        var when: String
        var move: String
        var by: String
        var reason: String
    }

    struct Choice {
        var value: String
        var label: String
    }

    /// Offers the moves the lifecycle allows from the member's current status.
    mutating func offerMembershipChanges(from status: MembershipStatus) {
        membershipEvents = MembershipEvent.allCases.compactMap { event in
            guard let next = try? status.applying(event) else { return nil }
            return Choice(value: event.rawValue, label: "\(event.words) (becomes \(next.words))")
        }
        mayChangeMembership = !membershipEvents.isEmpty
    }

    struct FieldRow {
        var label: String
        var value: String
    }

    init(chrome: Chrome, view: PersonView) {
        self.chrome = chrome
        id = view.id.description
        name = view.displayName.isEmpty ? "Anonymous entry" : view.displayName
        let candidates: [(String, String?)] = [
            ("Title", view.title), ("Forenames", view.forenames), ("Surname", view.surname),
            ("Date of birth", view.dateOfBirth?.description), ("Elector number", view.electorNumber),
            ("Markers", view.electorMarkers.flatMap { $0.isEmpty ? nil : $0 }), ("Franchise", view.franchise),
            ("Attainer date", view.attainerDate?.description), ("Address", view.address?.singleLine),
            ("Membership number", view.membershipNumber),
            ("Membership status", view.membershipStatus?.words),
            ("Joined", view.joinedOn?.readable), ("Branch", view.branch),
            ("Dues", view.dues.map { "\(Dues.pounds($0.pence)) \($0.frequency.rawValue)" }),
            ("Paid until", view.paidUntil?.readable),
        ]
        fields = candidates.compactMap { label, value in value.map { FieldRow(label: label, value: $0) } }
        contacts = ((view.emails ?? []) + (view.phones ?? [])).map { point in
            let consent = point.consent.isEmpty ? "no consent" : "consents: " + point.consent.sorted().map(\.rawValue).joined(separator: ", ")
            return FieldRow(label: point.kind.rawValue, value: "\(point.value) (\(consent); from \(point.source.words))")
        }
        areas = view.areas.reversed().map { AreaLink(id: $0.id.description, name: $0.name, level: $0.level.words) }
        canvass = (view.canvass ?? []).map { contact in
            let answers = contact.answers.map { answers in
                [answers.intention.map { "intends: \($0)" + (answers.certainty.map { " (\($0.rawValue))" } ?? "") },
                 answers.likelihood.map { "likelihood \($0)/10" }, answers.postalVote.map { $0 ? "postal vote" : "votes in person" },
                 answers.issues.isEmpty ? nil : "issues: " + answers.issues.joined(separator: ", "),
                 answers.notes.isEmpty ? nil : "notes: " + answers.notes].compactMap { $0 }.joined(separator: "; ")
            }
            return FieldRow(label: "\(contact.at.readable) \(contact.outcome.title)", value: [answers, contact.doNotContact ? "do not contact" : nil, "by \(contact.actor)"]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "; "))
        }
        payments = (view.payments ?? []).map { payment in
            PaymentRow(date: payment.paidOn.readable, amount: Dues.pounds(payment.pence), outcome: payment.outcome.words,
                       failed: payment.outcome == .failed, report: payment.report)
        }
        history = (view.membershipHistory ?? []).map { move in
            HistoryRow(when: move.at.readable, move: "\(move.from.words) → \(move.to.words)", by: move.by, reason: move.reason)
        }
        hasPayments = !payments.isEmpty
        hasHistory = !history.isEmpty
        let hidden = view.withheld.map { $0.words }
        withheld = hidden.isEmpty ? nil : hidden.joined(separator: ", ")
    }
}

struct AreaLink {
    var id: String
    var name: String
    var level: String

    init(id: String, name: String, level: String) {
        self.id = id
        self.name = name
        self.level = level
    }

    init(_ ref: AreaRef) {
        self.init(id: ref.id.description, name: ref.name, level: ref.level.words)
    }
}

struct AreasPage {
    var chrome: Chrome
    var areas: [AreaLink]
}

struct AreaPage {
    var chrome: Chrome
    var name: String
    var level: String
    var code: String
    var ancestors: [AreaLink]
    var children: [AreaLink]
    var hasChildren: Bool
    var electors: Int
    var households: Int
    var members: Int
}

struct ErrorPage {
    var chrome: Chrome?
    var title: String
    var detail: String
    var status: Int
    /// The Warden page the user came from, to go back to.
    var back: String?

    init(problem: Problem, chrome: Chrome, back: String? = nil) {
        self.chrome = chrome
        title = problem.title
        detail = problem.detail
        status = problem.status
        self.back = back
    }
}
