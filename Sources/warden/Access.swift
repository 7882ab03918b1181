import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand {
    /// `warden access revoke|report` and `warden alerts`.
    struct AccessCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "access",
            abstract: "End an account's access at once, or report who can see an area's people.",
            subcommands: [Revoke.self, Report.self, Alerts.self, Watch.self])
    }
}

extension WardenCommand.AccessCommand {
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke every grant of an account and end its sessions now.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The username.") var account: String

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                try await warden.accounts.revokeAccess(username: account, actor: .localOperator)
                Terminal.say("\(account): every grant revoked, every session ended")
            }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Who can read the people of an area, through which grant, until when.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The area's code (omit for every grant that reads people).") var area: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let lines = try await warden.accounts.accessReport(areaID: try await warden.areas.id(code: area), actor: .localOperator)
                if json { return try printJSON(lines) }
                for line in lines {
                    Terminal.say("\(line.username)\t\(line.role.rawValue)\t\(line.scope)\tcovers \(line.covers)\tuntil \(line.expiresAt)\(line.pendingApproval ? "\tpending approval" : "")")
                }
            }
        }
    }

    struct Alerts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List open alerts for the data protection officer.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Include acknowledged alerts.") var all = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let alerts = try await warden.alerts.list(actor: .localOperator, all: all)
                if json { return try printJSON(alerts) }
                for alert in alerts { Terminal.say("\(alert.id)\t\(alert.at)\t\(alert.kind.rawValue)\t\(alert.actor)\t\(alert.detail)") }
            }
        }
    }
}

extension WardenCommand.AccessCommand {
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Watch an area's members for a period (a selection): contact changes by others to many of them alert the DPO.",
            discussion: "Without --area, lists the periods in force.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The code of the area to watch.") var area: String?
        @Option(help: "When the period starts (ISO 8601; default now).") var from: Timestamp?
        @Option(help: "When it ends (ISO 8601).") var to: Timestamp?
        @Option(help: "Why, e.g. \"Croydon East selection\".") var reason: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                guard let area else {
                    let periods = try await warden.alerts.watchedPeriods(actor: .localOperator)
                    if json { return try printJSON(periods) }
                    for period in periods { Terminal.say("\(period.id)\tarea \(period.areaID)\t\(period.startsAt) – \(period.endsAt)\t\(period.reason)") }
                    return
                }
                guard let to, let reason else { throw WardenError.invalidRequest("--to and --reason are needed with --area") }
                guard let id = try await warden.areas.id(code: area) else { throw WardenError.notFound("no area \(area)") }
                let period = try await warden.alerts.watch(area: id, from: from ?? .now, to: to, reason: reason, actor: .localOperator)
                if json { return try printJSON(period) }
                Terminal.say("Watching \(area) until \(period.endsAt): contact changes by others to \(WatchLimits().membersInWatchedArea) or more of its members alert the DPO")
            }
        }
    }
}
