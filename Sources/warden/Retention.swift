import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand {
    /// `warden retention plan|run`: the retention schedule in the processing register.
    struct Retention: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what the retention schedule would remove, or apply it now.",
            discussion: """
                The schedule is part of the processing register (`warden privacy register --json`, field \
                retentionSchedule). A running server applies it once a day by itself; each removal is an \
                audited erasure, in batches, written to the erasure ledger.
                """,
            subcommands: [Plan.self, Run.self])
    }
}

/// Prints a plan or a run's report: counts per category and reason, no names.
private func show(_ plan: RetentionPlan, done: Bool) {
    for line in plan.lines {
        let what = line.category == .sessions ? "\(line.rows) rows" : "\(line.people) \(line.people == 1 ? "person" : "people")"
            + (line.category == .canvassAnswers ? ", \(line.rows) results" : "")
        Terminal.say("\(line.category.title): \(line.reason): \(what)\(line.held ? " (held)" : "")")
    }
    let due = plan.due
    Terminal.say(done ? "removed \(due.people) people's data and \(due.rows) rows" : "due now: \(due.people) people's data, \(due.rows) rows")
}

extension WardenCommand.Retention {
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What applying the schedule now would remove, and why (counts only).")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let plan = try await warden.retention.plan(actor: .localOperator)
                if json { return try printJSON(plan) }
                show(plan, done: false)
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply the schedule now: erase and delete what is past its period.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let report = try await warden.retention.run(actor: .localOperator) { if !json { Terminal.say($0 + " …") } }
                if json { return try printJSON(report) }
                show(report, done: true)
            }
        }
    }
}
