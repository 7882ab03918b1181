import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The data protection officer's home: what needs them now (open alerts, subject access
/// cases by due date, erasures and exports waiting for their decision, incidents not yet
/// reported) and whether the party's safeguards hold (the database, the log, the last good
/// backup). Each figure comes from the service that owns it, which checks the caller.
struct OversightResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.signedInPages.get("dpo", use: page)
    }

    struct Page {
        var chrome: Chrome
        var alerts: [Line]
        var alertCount: String
        var cases: [Line]
        var caseCount: String
        var decisions: [Line]
        var decisionCount: String
        var incidents: [Line]
        var safeguards: [Line]
        /// Something in the safeguards needs attention now.
        var safeguardsWarn: Bool
    }

    /// One row of a panel: what, a link to it, and how urgent.
    struct Line {
        var text: String
        var href: String?
        /// `overdue` or `soon`, for the row's colour; empty otherwise.
        var urgency = ""
    }

    @Sendable func page(_ request: Request, context: SignedInContext) async throws -> Response {
        let actor = context.actor
        guard AccessPolicy.mayReviewAudit(actor) else { throw WardenError.forbidden("the dashboard is the data protection officer's") }
        let today = Timestamp.now.date
        let alerts = try await warden.alerts.list(actor: actor)
        let cases = try await warden.subjectAccess.cases(actor: actor).filter(\.awaitsAnswer).sorted { $0.dueOn < $1.dueOn }
        let erasures = try await warden.erasures.erasures(actor: actor).filter { $0.state == .awaitingApproval }
        let exports = try await warden.exports.requests(actor: actor).filter { $0.state == .requested }
        let incidents = try await warden.incidents.incidents(actor: actor).filter { $0.notice == nil }
        let decisions = erasures.map { Line(text: "Erasure \($0.id) asked by \($0.requestedBy), \($0.requestedAt.readable)", href: "/erasures/\($0.id)") }
            + exports.map { Line(text: "Export \($0.id): \($0.purpose.title), \($0.count.formatted()) people, asked by \($0.requestedBy)", href: "/exports/\($0.id)") }

        let damaged = warden.health.damaged
        let checkpoint = try await warden.log.latestCheckpoint()
        let backup = try await warden.backups.lastGood(actor: actor)
        let backupAge = backup.map { Timestamp.now.secondsSince1970 - $0.at.secondsSince1970 }
        let safeguards = [
            Line(text: damaged.map { "The database file is damaged: \($0). Restore the newest backup." } ?? "The database file is intact.",
                 urgency: damaged == nil ? "" : "overdue"),
            Line(text: checkpoint.map { "The log holds \($0.size.formatted()) entries; last signed \($0.at.readable)." } ?? "The log has no signed checkpoint yet.",
                 href: "/audit"),
            Line(text: backup.map { "Last good backup \($0.at.readable), verified in full before it was written (\($0.check))." }
                    ?? "No backup has been taken.",
                 href: "/backups", urgency: (backupAge ?? .max) > 86_400 ? "overdue" : ""),
        ]
        return try pages.render(Page(
            chrome: Chrome(context),
            alerts: alerts.prefix(5).map { Line(text: "\($0.at.readable): \($0.kind.words) (\($0.actor))", href: "/alerts") },
            alertCount: alerts.isEmpty ? "No open alerts." : "\(Self.count(alerts.count, "open alert")), newest first.",
            cases: cases.prefix(5).map { case_ in
                let left = case_.daysLeft(on: today)
                return Line(text: "Case \(case_.id) from \(case_.requester): due \(case_.dueOn.readable)" + (left < 0 ? ", overdue" : ""),
                            href: "/sar/\(case_.id)", urgency: left < 0 ? "overdue" : left <= SubjectAccessDeadline.warningDays ? "soon" : "")
            },
            caseCount: cases.isEmpty ? "No open cases." : "\(Self.count(cases.count, "open case")), soonest due first.",
            decisions: decisions, decisionCount: decisions.isEmpty ? "Nothing is waiting." : "\(Self.count(decisions.count, "request")) waiting.",
            incidents: incidents.map { Line(text: "\($0.title): report due \($0.reportDue.readable)", href: "/incidents/\($0.id)",
                                            urgency: $0.reportDue < .now ? "overdue" : "soon") },
            safeguards: safeguards, safeguardsWarn: safeguards.contains { !$0.urgency.isEmpty }), template: "dpo")
    }

    /// "1 open alert", "3 open alerts".
    static func count(_ n: Int, _ noun: String) -> String {
        "\(n.formatted()) \(noun)\(n == 1 ? "" : "s")"
    }
}
