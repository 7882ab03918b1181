import Foundation
import WardenCore

/// The membership office's page: the figures, each with its list, and the dues forms.
struct MembershipOfficePage {
    var chrome: Chrome
    var statuses: [Line]
    var total: String
    /// The party's grace periods, for the form and in words.
    var arrearsAfterDays: Int
    var lapseAfterDays: Int
    var rulesInWords: String
    /// Whether the reader may import payments and set and apply the rules (a whole-party secretary).
    var mayRunDues: Bool

    struct Line {
        var label: String
        var count: String
        var href: String
        /// Members who need the office's attention (in arrears, lapsing, suspended).
        var attention: Bool
    }

    init(chrome: Chrome, counts: MemberCounts, rules: DuesRules, mayRunDues: Bool) {
        self.chrome = chrome
        func line(_ status: MembershipStatus) -> Line {
            let words = status.words
            return Line(label: words.prefix(1).uppercased() + words.dropFirst(), count: (counts[status] ?? 0).formatted(),
                        href: "/people?status=\(status.rawValue)", attention: status == .inArrears || status == .suspended)
        }
        let lapsing = Line(label: "Lapsing by \(counts.lapsingBy.readable) unless they pay", count: counts.lapsing.formatted(),
                           href: "/people?status=\(MembershipStatus.inArrears.rawValue)&ranOutBy=\(counts.lapsingPaidUntil)", attention: true)
        statuses = [line(.active), line(.inArrears), lapsing] + [MembershipStatus.suspended, .lapsed, .resigned, .expelled].map(line)
        let inGoodStanding = counts.byStatus.filter { $0.key.isInGoodStanding }.values.reduce(0, +)
        total = "\(inGoodStanding.formatted()) members in good standing (active or in arrears) of \(counts.byStatus.values.reduce(0, +).formatted()) on the books."
        arrearsAfterDays = rules.arrearsAfterDays
        lapseAfterDays = rules.lapseAfterDays
        rulesInWords = "A member whose dues ran out more than \(rules.arrearsAfterDays) days ago is in arrears; more than \(rules.lapseAfterDays) days ago, lapsed. A member who pays up is active again."
        self.mayRunDues = mayRunDues
    }

    /// The message after an action on the office page (`?done=`).
    static func message(for done: String, moved: String?) -> String? {
        switch done {
        case "rules": "Dues rules saved. They apply from the next payments report, or when you apply them."
        case "applied": "Dues rules applied for today: \(Int(moved ?? "") ?? 0) members moved. Each move is in the member's history and the log."
        default: nil
        }
    }
}

/// What a payments report did, or why it was refused.
struct PaymentsReportPage {
    var chrome: Chrome
    var file: String
    var refused: Bool
    var dryRun: Bool
    var lines: [Count]
    var problems: [String]
    var hasProblems: Bool

    struct Count {
        var label: String
        var count: String
    }

    init(chrome: Chrome, report: ImportReport) {
        self.chrome = chrome
        file = report.file
        refused = !report.problems.isEmpty
        dryRun = report.dryRun
        let named = ["collected": "Collections recorded", "failed": "Failed collections recorded", "already recorded": "Already recorded (not counted again)"]
        lines = [Count(label: "Lines read", count: report.rows.formatted())]
            + named.keys.sorted().compactMap { key in report.changes[key].map { Count(label: named[key] ?? key, count: $0.formatted()) } }
            + report.changes.keys.filter { named[$0] == nil }.sorted().map { move in
                Count(label: "Members moved " + move.replacingOccurrences(of: "_", with: " "), count: (report.changes[move] ?? 0).formatted())
            }
        problems = report.problems.map(\.description)
        hasProblems = !problems.isEmpty
    }
}
