import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand {
    /// `warden verify`: is the database still what the log vouches for?
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit log, record versions and records against the signed checkpoints.",
            discussion: """
                Recomputes the Merkle tree from every entry, checks each checkpoint's signature \
                (in the database and in the witness directory) and that the tree matches it, that every \
                version is bound into the entry that wrote it, and that every record equals its last \
                version. Exits non-zero and names what was tampered with.
                """)
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            let report = try await reportingErrors { try await warden.log.verify(actor: .localOperator) }
            if json {
                try printJSON(report)
            } else {
                Terminal.say("checked \(report.entries) log entries, \(report.versions) versions, \(report.people) records; "
                             + "newest checkpoint checked covers \(report.checkpointSize) entries")
                for tally in report.erasures { Terminal.say("erased: \(tally.summary)") }
                for restore in report.restores { Terminal.say("restored: \(restore.detail) (\(restore.at))") }
                for finding in report.findings { Terminal.say("TAMPERED: \(finding)") }
                if report.isIntact { Terminal.say("intact") }
            }
            if !report.isIntact { throw ExitCode(2) }
        }
    }

    /// `warden log checkpoint|key`.
    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a checkpoint of the audit log now, or print the log's public key.",
            subcommands: [Checkpoint.self, Key.self])

        struct Checkpoint: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Sign a checkpoint if the log has grown; print the newest.")
            @OptionGroup var store: StoreOptions

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    guard let checkpoint = try await warden.log.checkpoint() else { return Terminal.say("the log is empty") }
                    Terminal.say(String(checkpoint.note.dropLast()))
                }
            }
        }

        struct Key: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Print the verifier key witnesses check checkpoints with.")
            @OptionGroup var store: StoreOptions

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                Terminal.say(try await warden.log.verifierKey)
            }
        }
    }

    /// `warden audit changes|person|contacts`: the DPO's investigations.
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Investigate: what an account changed, who touched a person, contact changes in an area.",
            subcommands: [Changes.self, Person.self, Contacts.self])

        struct Window: ParsableArguments {
            @Option(help: "Start of the window (ISO 8601, e.g. 2026-11-23T09:00:00Z, or a date).") var from: Timestamp
            @Option(help: "End of the window, inclusive (ISO 8601, or a date: its end).") var to: WindowEnd
            @Flag(help: "Attach an inclusion proof of each entry against a fresh checkpoint.") var proofs = false
            @Flag(help: "Print JSON.") var json = false
        }

        struct Changes: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Every change an account made in a window: people, fields, counts per area.")
            @OptionGroup var store: StoreOptions
            @Option(help: "The account's username.") var account: String
            @OptionGroup var window: Window

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                let report = try await reportingErrors {
                    try await warden.investigations.changes(by: account, from: window.from, to: window.to.instant, proofs: window.proofs, actor: .localOperator)
                }
                try show(report, json: window.json)
            }
        }

        struct Contacts: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Contact-detail changes in an area made by anyone other than the person.")
            @OptionGroup var store: StoreOptions
            @Option(help: "The area's code.") var area: String
            @OptionGroup var window: Window

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                let report = try await reportingErrors {
                    guard let id = try await warden.areas.id(code: area) else { throw WardenError.notFound("no area \(area)") }
                    return try await warden.investigations.contactChanges(in: id, from: window.from, to: window.to.instant, proofs: window.proofs, actor: .localOperator)
                }
                try show(report, json: window.json)
            }
        }

        struct Person: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Who changed and who viewed a person.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The person's identifier.") var person: Int64
            @Flag(help: "Attach inclusion proofs.") var proofs = false
            @Flag(help: "Print JSON.") var json = false

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                let history = try await reportingErrors {
                    try await warden.investigations.history(of: PersonID(rawValue: person), proofs: proofs, actor: .localOperator)
                }
                if json { return try printJSON(history) }
                Terminal.say("changes:")
                for change in history.changes {
                    Terminal.say("  \(change.at)\t\(change.actor)\t\(change.fields.joined(separator: ","))\t\(change.reason)")
                }
                Terminal.say("accesses:")
                for access in history.accesses {
                    Terminal.say("  \(access.at)\t\(access.actor)\t\(access.action.rawValue)\t\(access.outcome.rawValue)\t\(access.dataClasses.map(\.rawValue).joined(separator: ","))")
                }
            }
        }

        static func show(_ report: ChangeReport, json: Bool) throws {
            if json { return try printJSON(report) }
            Terminal.say("\(report.question): \(report.changes.count) changes to \(report.people) people")
            for (field, count) in report.byField.sorted(by: { $0.key < $1.key }) { Terminal.say("  field \(field): \(count)") }
            for (area, count) in report.byArea.sorted(by: { $0.key < $1.key }) { Terminal.say("  area \(area): \(count)") }
            for change in report.changes {
                Terminal.say("\(change.at)\tperson \(change.personID.rawValue)\t\(change.actor)\t\(change.fields.joined(separator: ","))\t\(change.reason)")
            }
        }
    }

    /// `warden rollback`: undo one account's changes in a window.
    struct Rollback: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore what an account changed in a window, as new versions with a reason.",
            discussion: "Fields someone else changed later are reported and left alone unless --force.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The account whose changes to undo.") var account: String
        @Option(help: "Start of the window (ISO 8601 or a date).") var from: Timestamp
        @Option(help: "End of the window, inclusive (ISO 8601, or a date: its end).") var to: WindowEnd
        @Option(help: "Why (recorded on every restored version).") var reason: String
        @Flag(help: "Also restore fields someone else changed later.") var force = false
        @Flag(help: "Report what would be restored; change nothing.") var dryRun = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            let report = try await reportingErrors {
                try await warden.rollback.run(account: account, from: from, to: to.instant, reason: reason, force: force, dryRun: dryRun, actor: .localOperator)
            }
            if json { return try printJSON(report) }
            for item in report.items where item.outcome != .unchanged {
                Terminal.say("person \(item.personID.rawValue)\t\(item.field)\t\(item.outcome.rawValue)\(item.laterBy.isEmpty ? "" : "\tlater changed by " + item.laterBy.joined(separator: ","))")
            }
            Terminal.say("\(dryRun ? "would restore" : "restored") \(report.count(.restored)) fields of \(report.people) people; "
                         + "\(report.count(.conflict)) left alone (changed later by someone else)")
        }
    }
}
