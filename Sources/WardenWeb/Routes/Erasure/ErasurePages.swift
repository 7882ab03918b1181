import WardenCore

/// The pages of erasure: the list with the request form, and one erasure with its decision.
/// Logic-free view models.
enum ErasurePages {
    struct Row {
        var id: String
        var kind: String
        var state: String
        var people: String
        var requested: String
        var decided: String
        var waiting: Bool

        init(_ erasure: Erasure) {
            id = erasure.id.description
            kind = erasure.kind == .request ? "request" : "retention"
            state = erasure.state.title
            people = erasure.people.count == 1 ? "person \(erasure.people[0])" : "\(erasure.people.count) people"
            requested = "\(erasure.requestedBy), \(erasure.requestedAt)"
            decided = erasure.decidedBy.map { by in "\(by), \(erasure.decidedAt?.readable ?? "")" } ?? ""
            waiting = erasure.state == .awaitingApproval
        }
    }

    struct List {
        var chrome: Chrome
        var rows: [Row]
        var none: Bool
        /// The person to fill in, from a person page's "ask for erasure" link.
        var person: String

        init(_ context: SignedInContext, erasures: [Erasure], person: String?) {
            chrome = Chrome(context)
            rows = erasures.map(Row.init)
            none = erasures.isEmpty
            self.person = person.flatMap(Int64.init).map(String.init) ?? ""
        }
    }

    struct Fact { var label: String; var value: String }

    struct One {
        var chrome: Chrome
        var row: Row
        var notice: String?
        var facts: [Fact]
        /// Whether this reader may carry it out: a DPO who did not ask for it.
        var mayApprove: Bool

        init(_ context: SignedInContext, erasure: Erasure, done: String?) {
            chrome = Chrome(context)
            row = Row(erasure)
            notice = done.flatMap(Self.message(for:))
            var facts = [Fact(label: "Why", value: erasure.reason),
                         Fact(label: "People", value: erasure.people.map(\.description).joined(separator: ", ")),
                         Fact(label: "Not to be contacted again", value: erasure.suppress ? "yes: a suppression entry (a keyed hash, not their details)" : "no"),
                         Fact(label: "Asked by", value: row.requested)]
            if !row.decided.isEmpty { facts.append(Fact(label: erasure.state == .refused ? "Refused by" : "Carried out by", value: row.decided)) }
            if let refusal = erasure.refusal { facts.append(Fact(label: "Refused because", value: refusal)) }
            if erasure.state == .done {
                facts.append(Fact(label: "Record versions emptied", value: "\(erasure.versionsRedacted) (their hashes stay under the log)"))
            }
            self.facts = facts
            mayApprove = row.waiting && AccessPolicy.mayApproveErasure(erasure, actor: context.actor)
        }

        /// The message after an action: a fixed text per action.
        static func message(for done: String) -> String? {
            switch done {
            case "requested": "Erasure asked for. A data protection officer other than you approves it here, which carries it out."
            case "erased": "Erased. Their data is gone from every table, their data key is destroyed, and the erasure is in the ledger beside the key ring."
            case "refused": "Refused. The reason is recorded; nothing was erased."
            default: nil
            }
        }
    }

    /// The retention report: each category and reason with its counts, held lines marked.
    struct Retention {
        var chrome: Chrome
        var lines: [Line]
        var lastRun: String
        var due: String
        var schedule: String

        struct Line { var category: String; var reason: String; var people: String; var rows: String; var held: Bool }

        init(_ context: SignedInContext, plan: RetentionPlan, lastRun: Timestamp?) {
            chrome = Chrome(context)
            lines = plan.lines.map { line in
                Line(category: line.category.title, reason: line.reason, people: line.category == .sessions ? "" : String(line.people),
                     rows: String(line.rows), held: line.held)
            }
            self.lastRun = lastRun.map { "Last applied \($0)." } ?? "Not applied yet: a running server applies it within a minute of starting, then daily."
            let due = plan.due
            self.due = due.people + due.rows == 0 ? "Nothing is past its period." : "Past its period now: \(due.people) people's data, \(due.rows) rows. The server removes them at its next daily run."
            let periods = plan.schedule
            schedule = "Former members \(periods.formerMembersYears) years after leaving; off the register \(periods.offRegisterDays) days; "
                + "doorstep results \(periods.canvassAnswersYears) years after their campaign; sessions \(periods.sessionDays) days; the audit log is kept."
        }
    }
}
