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

/// What an uploaded file (a payments report, a membership export) did, or why it was refused.
struct ImportReportPage {
    var chrome: Chrome
    /// "Payments report", "Membership export".
    var kind: String
    var file: String
    var refused: Bool
    var dryRun: Bool
    /// What importing it did besides recording it: "the dues rules applied".
    var also: String
    var lines: [Count]
    var problems: [String]
    var hasProblems: Bool

    struct Count {
        var label: String
        var count: String
    }

    /// The words for a report's counts, by their key in ``ImportReport/changes`` or its own fields.
    static let labels = [
        "collected": "Collections recorded", "failed": "Failed collections recorded", "already recorded": "Already recorded (not counted again)",
        "status": "Statuses changed",
    ]

    /// `people`: whether the file adds and changes people (a membership export), so their
    /// counts are shown; a payments report's are its own.
    init(chrome: Chrome, kind: String, also: String = "", people: Bool, report: ImportReport) {
        self.chrome = chrome
        self.kind = kind
        self.also = also
        file = report.file
        refused = !report.problems.isEmpty
        dryRun = report.dryRun
        let fields = [("Lines read", report.rows), ("New members", report.added), ("Linked to their elector", report.linked),
                      ("Changed", report.changed), ("Unchanged", report.unchanged)]
        lines = fields.filter { $0.0 == "Lines read" || (people && $0.1 > 0) }.map { Count(label: $0.0, count: $0.1.formatted()) }
            + report.changes.keys.sorted().map { key in
                Count(label: Self.labels[key] ?? "Members moved " + key.replacingOccurrences(of: "_", with: " "),
                      count: (report.changes[key] ?? 0).formatted())
            }
        problems = report.problems.map(\.description)
        hasProblems = !problems.isEmpty
    }
}
