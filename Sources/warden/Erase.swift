import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand {
    /// `warden erase …`: erasure on request, and the ledger that makes it stick.
    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask for a person to be erased, list erasures, or re-apply the erasure ledger to this database.",
            discussion: """
                `warden erase PERSON --reason …` asks; a data protection officer other than whoever asked approves \
                it on the Erasures page or through the API, and that carries it out: every row holding the person's \
                data goes, their data key is destroyed (so their sealed answers cannot be opened in any copy), and \
                their record's versions are emptied while the log keeps their hashes. The command line acts as the \
                local operator and is never the second person.
                """,
            subcommands: [Request.self, List.self, Show.self, Refuse.self, Reapply.self],
            defaultSubcommand: Request.self)
    }
}

/// Prints one erasure.
private func show(_ erasure: Erasure) {
    var line = "erasure \(erasure.id) (\(erasure.kind.rawValue)): \(erasure.state.title.lowercased()); "
        + "\(erasure.people.count) \(erasure.people.count == 1 ? "person" : "people"), asked by \(erasure.requestedBy) at \(erasure.requestedAt)"
    if let by = erasure.decidedBy, let at = erasure.decidedAt { line += "; decided by \(by) at \(at)" }
    if erasure.state == .done { line += "; \(erasure.versionsRedacted) versions emptied" }
    Terminal.say(line)
}

extension WardenCommand.Erase {
    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "request",
            abstract: "Ask for a person to be erased; a second person (a DPO's account) approves it.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The person's number.") var person: Int64
        @Option(help: "Why (the request's date and channel, say): kept with the tombstone.") var reason: String
        @Flag(help: "Do not keep a suppression entry: the party may contact them again if they come back on the register.")
        var contactable = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let erasure = try await warden.erasures.request(person: PersonID(rawValue: person), reason: reason, suppress: !contactable,
                                                                actor: .localOperator)
                if json { return try printJSON(erasure) }
                Terminal.say("erasure \(erasure.id) asked for; a data protection officer other than you approves it on the Erasures page")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Erasures waiting for approval, then the newest.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let erasures = try await warden.erasures.erasures(actor: .localOperator)
                if json { return try printJSON(erasures) }
                if erasures.isEmpty { Terminal.say("no erasures") }
                erasures.forEach(show)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One erasure.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The erasure's number.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let erasure = try await warden.erasures.erasure(ErasureID(id), actor: .localOperator)
                if json { return try printJSON(erasure) }
                show(erasure)
                Terminal.say("reason: \(erasure.reason)")
                if let refusal = erasure.refusal { Terminal.say("refused: \(refusal)") }
            }
        }
    }

    struct Refuse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refuse a waiting request, saying why.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The erasure's number.") var id: Int64
        @Option(help: "Why it is refused (an Art. 17(3) exemption, say).") var reason: String

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let refused = try await warden.erasures.refuse(ErasureID(id), reason: reason, actor: .localOperator)
                Terminal.say("erasure \(refused.id) refused")
            }
        }
    }

    struct Reapply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Carry out again every erasure in the ledger beside the key ring that this database lacks.",
            discussion: """
                Run after restoring an older copy of the database: the people erased since it was taken are erased \
                again, under the same erasure numbers. A server does this by itself when it starts.
                """)
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let result = try await warden.erasures.reconcile(actor: .localOperator)
                for (id, people) in result.reapplied.sorted(by: { $0.key < $1.key }) {
                    Terminal.say("erasure \(id): carried out again, \(people) \(people == 1 ? "person" : "people") still here")
                }
                for id in result.recorded { Terminal.say("erasure \(id): added to the ledger") }
                if result.reapplied.isEmpty && result.recorded.isEmpty { Terminal.say("the database and the erasure ledger agree") }
            }
        }
    }
}
