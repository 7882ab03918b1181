import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand {
    /// `warden incident …`: personal data breaches, from awareness to the ICO report and the notices.
    struct IncidentCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "incident",
            abstract: "Assess a personal data breach: who was affected and how, the 72-hour report, the notices.",
            discussion: """
                Describe the incident by any of: --actor (accounts), --area (codes), --from/--to (a window), --walk-list, \
                --sheet, or --whole-database (as of --as-of, default now). Warden answers from the log and the versions: \
                the people affected and how (read, changed, printed, held), the categories of data, whether special \
                category data was readable or only sealed, per area, and who read the people affected.
                """,
            subcommands: [Open.self, List.self, Show.self, Report.self, Phase.self, Notice.self, Notify.self])
    }
}

/// Prints findings: counts, categories, areas, readers, and the people affected.
private func show(_ incident: Incident, _ findings: IncidentFindings) {
    Terminal.say("incident \(incident.id): \(incident.title)")
    Terminal.say("aware \(incident.awareAt); report due \(incident.reportDue)"
                 + (incident.hoursLeft(at: .now).map { $0 >= 0 ? " (\($0) hours left)" : " (\(-$0) hours late)" } ?? " (reported)"))
    Terminal.say("scope: \(findings.scope.description)")
    Terminal.say("people affected: \(findings.people); records: \(findings.records)")
    for exposure in findings.exposures { Terminal.say("  \(exposure.exposure.rawValue): \(exposure.people)") }
    for category in findings.categories { Terminal.say("  \(category.dataClass.rawValue): \(category.people) people") }
    Terminal.say(findings.specialCategoryStatement)
    for area in findings.areas.prefix(20) { Terminal.say("  area \(area.area): \(area.people)") }
    for reader in findings.readers.prefix(20) { Terminal.say("  read by \(reader.actor): \(reader.people) people, \(reader.entries) entries") }
    for person in findings.affected.prefix(200) {
        Terminal.say("  person \(person.person): \(person.exposures.map(\.rawValue).joined(separator: ", "))"
                     + (person.fields.isEmpty ? "" : " [\(person.fields.joined(separator: ", "))]") + " by \(person.by.joined(separator: ", "))")
    }
    if findings.affected.count > 200 { Terminal.say("  … and \(findings.affected.count - 200) more (--json lists them all)") }
}

extension WardenCommand.IncidentCommand {
    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open an incident: what happened, when you became aware, and its bounds.")
        @OptionGroup var store: StoreOptions
        @Option(help: "What happened, in a line.") var title: String
        @Option(help: "When the party became aware (ISO 8601; default now): the 72 hours run from here.") var aware: Timestamp?
        @Option(help: "An account involved (repeat for more).") var actor: [String] = []
        @Option(help: "An area code whose people are in question (repeat for more).") var area: [String] = []
        @Option(help: "The window's start (ISO 8601 or a date).") var from: Timestamp?
        @Option(help: "The window's end (ISO 8601, or a date: its end).") var to: WindowEnd?
        @Option(help: "A walk list whose people are in question.") var walkList: Int64?
        @Option(help: "A printed sheet's serial.") var sheet: String?
        @Flag(help: "The whole database (as of --as-of).") var wholeDatabase = false
        @Option(help: "With --whole-database: the time it was taken as (default now).") var asOf: Timestamp?

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            let scope = IncidentScope(actors: actor, areas: area, from: from, to: to?.instant, walkList: walkList.map(WalkListID.init(rawValue:)),
                                      sheet: sheet, wholeDatabaseAsOf: wholeDatabase ? asOf ?? .now : nil)
            try await reportingErrors {
                let incident = try await warden.incidents.open(title: title, awareAt: aware ?? .now, scope: scope, actor: .localOperator)
                Terminal.say("incident \(incident.id) opened; report to the ICO due by \(incident.reportDue)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Incidents, newest first.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let incidents = try await warden.incidents.incidents(actor: .localOperator)
                if incidents.isEmpty { Terminal.say("no incidents") }
                for incident in incidents {
                    Terminal.say("incident \(incident.id): \(incident.title); aware \(incident.awareAt); "
                                 + (incident.phases.isEmpty ? "report due \(incident.reportDue)" : "\(incident.phases.count) phase(s) reported"))
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Who the incident reached and how, from the log and the versions.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The incident's number.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let (incident, findings) = try await warden.incidents.findings(IncidentID(id), actor: .localOperator)
                if json { return try printJSON(findings) }
                show(incident, findings)
            }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The Art. 33 report to the ICO as it stands.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The incident's number.") var id: Int64

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors { Terminal.say(try await warden.incidents.report(IncidentID(id), actor: .localOperator)) }
        }
    }

    struct Phase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a phase to the report: the nature, likely consequences and measures as now known.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The incident's number.") var id: Int64
        @Option(help: "The nature of the breach.") var nature: String
        @Option(help: "Its likely consequences.") var consequences: String
        @Option(help: "The measures taken or proposed.") var measures: String

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let incident = try await warden.incidents.addPhase(IncidentID(id), nature: nature, consequences: consequences, measures: measures,
                                                                   actor: .localOperator)
                Terminal.say("incident \(incident.id): phase \(incident.phases.count) of the report written")
            }
        }
    }

    struct Notice: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the notice to the people affected, as Warden drafts it for you to approve.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The incident's number.") var id: Int64

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let draft = try await warden.incidents.draftNotice(IncidentID(id), actor: .localOperator)
                Terminal.say("Subject: \(draft.subject)\n\n\(draft.body)")
            }
        }
    }

    struct Notify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve the notice as worded in a file and queue it to every person affected.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The incident's number.") var id: Int64
        @Option(help: "The subject line.") var subject: String
        @Option(help: "A file holding the body (start from `warden incident notice`).") var bodyFile: String

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                guard let data = FileManager.default.contents(atPath: bodyFile) else { throw WardenError.invalidRequest("\(bodyFile): cannot be read") }
                let incident = try await warden.incidents.notify(IncidentID(id), subject: subject, body: String(decoding: data, as: UTF8.self),
                                                                 actor: .localOperator)
                Terminal.say("incident \(incident.id): \(incident.notice?.emailed ?? 0) emails queued; \(incident.notice?.toPost ?? 0) people to write to by post")
            }
        }
    }
}
