import Foundation
import WardenCore
import WardenServices

/// The pages of incidents: the list with the form to open one, and one incident with its
/// clock, findings, report and notice. Logic-free view models.
enum IncidentPages {
    struct Row {
        var id: String
        var title: String
        var aware: String
        var clock: String
        var late: Bool

        init(_ incident: Incident, now: Timestamp) {
            id = incident.id.description
            title = incident.title
            aware = incident.awareAt.readable
            if let left = incident.hoursLeft(at: now) {
                clock = left >= 0 ? "report due in \(left) hours" : "report \(-left) hours late"
                late = left < 12
            } else {
                clock = "\(incident.phases.count) phase\(incident.phases.count == 1 ? "" : "s") reported"
                late = false
            }
        }
    }

    struct List {
        var chrome: Chrome
        var rows: [Row]
        var none: Bool

        init(_ context: SignedInContext, incidents: [Incident]) {
            chrome = Chrome(context)
            rows = incidents.map { Row($0, now: .now) }
            none = incidents.isEmpty
        }
    }

    struct Count { var label: String; var people: String }
    struct Person { var id: String; var how: String; var fields: String; var by: String }

    struct One {
        var chrome: Chrome
        var row: Row
        var notice: String?
        var scope: String
        var people: String
        var records: String
        var exposures: [Count]
        var categories: [Count]
        var special: String
        var areas: [Count]
        var readers: [Count]
        /// Whether anyone was reached, and whether anyone read them: the tables show only then.
        var anyone: Bool
        var anyRead: Bool
        var affected: [Person]
        /// Mustache cannot index an array (`affected.0`), so the table's presence is a flag.
        var anyAffected: Bool
        var more: String?
        var report: String
        var draftSubject: String?
        var draftBody: String?
        var sent: String?

        init(_ context: SignedInContext, _ assessment: IncidentService.Assessment, done: String?) {
            let (incident, findings, report, draft) = (assessment.incident, assessment.findings, assessment.report, assessment.draft)
            chrome = Chrome(context)
            row = Row(incident, now: .now)
            notice = done.flatMap(Self.message(for:))
            scope = findings.scope.description
            people = String(findings.people)
            records = String(findings.records)
            exposures = findings.exposures.map { Count(label: $0.exposure.rawValue, people: String($0.people)) }
            categories = findings.categories.map { Count(label: $0.dataClass.rawValue.replacingOccurrences(of: "_", with: " "), people: String($0.people)) }
            special = findings.specialCategoryStatement
            areas = findings.areas.prefix(50).map { Count(label: $0.area, people: String($0.people)) }
            readers = findings.readers.prefix(50).map { Count(label: $0.actor, people: "\($0.people) \($0.people == 1 ? "person" : "people"), \($0.entries) \($0.entries == 1 ? "entry" : "entries")") }
            anyone = findings.people > 0
            anyRead = !findings.readers.isEmpty
            affected = findings.affected.prefix(500).map {
                Person(id: $0.person.description, how: $0.exposures.map(\.rawValue).joined(separator: ", "), fields: $0.fields.joined(separator: ", "),
                       by: $0.by.joined(separator: ", "))
            }
            anyAffected = !affected.isEmpty
            more = findings.affected.count > 500 ? "… and \(findings.affected.count - 500) more: the API lists them all." : nil
            self.report = report
            draftSubject = draft?.subject
            draftBody = draft?.body
            sent = incident.notice.map { "Notice approved by \($0.approvedBy) at \($0.approvedAt): \($0.emailed) emails queued, \($0.toPost) people to write to by post." }
        }

        static func message(for done: String) -> String? {
            switch done {
            case "opened": "Incident opened. The findings below come from the log and the versions; write the first phase of the report within 72 hours."
            case "phase": "Phase written. The report below includes it."
            case "notified": "Notice approved and queued to the people affected."
            default: nil
            }
        }
    }
}
