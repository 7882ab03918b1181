import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand.BallotCommand {
    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a voter their credential, voiding any earlier one; every issue is told to their contacts held at the freeze.",
            discussion: "Online, the credential is emailed to the address held at the freeze and not shown; in person or by post it is printed here, once.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The ballot.") var ballot: Int64
        @Option(help: "The voter's membership number.") var member: String
        @Option(help: "online, in_person or postal.") var channel: BallotChannel = .online

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let issued = try await warden.ballots.issueCredential(BallotID(ballot), to: .membershipNumber(member), channel: channel, actor: .localOperator)
                if let credential = issued.credential { Terminal.say("credential: \(credential)") } else { Terminal.say("credential emailed") }
                if issued.replaced { Terminal.say("it replaces an earlier one, and can be used from \(issued.usableFrom)") }
                Terminal.say("notices: \(issued.noticesEmailed) emailed, \(issued.noticesToPost) to post")
            }
        }
    }

    struct Void: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Void a voter's credential (they said an issue was not theirs); they are told.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The ballot.") var ballot: Int64
        @Option(help: "The voter's membership number.") var member: String
        @Option(help: "Why, for the log.") var reason: String

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                try await warden.ballots.voidCredential(BallotID(ballot), of: .membershipNumber(member), reason: reason, actor: .localOperator)
                Terminal.say("credential voided; the voter has been told")
            }
        }
    }

    struct Cast: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cast a ballot with a credential (the booth at a hustings); prints the tracker.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The ballot.") var ballot: Int64
        @Option(help: "The voter's credential.") var credential: String
        @Option(help: "Candidate numbers in order of preference, comma-separated (3,1,2).") var ranking: String

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let numbers = ranking.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) else {
                    throw WardenError.invalidRequest("ranking: candidate numbers separated by commas")
                }
                let tracker = try await warden.ballots.cast(BallotID(ballot), credential: credential, ranking: numbers.compactMap { $0 })
                Terminal.say("cast; tracker \(tracker)")
            }
        }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The marked register: each voter's reference, credential channel and whether they voted.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The ballot.") var ballot: Int64
        @Flag(help: "Print it as JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let lines = try await warden.ballots.markedRegister(BallotID(ballot), actor: .localOperator)
                if json { return try printJSON(lines) }
                for line in lines {
                    Terminal.say("\(line.reference)  \(line.issued?.rawValue ?? "-")  \(line.voted ? "voted" : "")"
                                 + (line.issues > 1 ? "  issued \(line.issues) times" : "") + (line.contactsChangedBeforeFreeze ? "  contacts changed before freeze" : ""))
                }
                Terminal.say("\(lines.count) voters; \(lines.filter(\.voted).count) voted")
            }
        }
    }

    struct Held: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Contact changes held on a ballot's frozen electorate.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The ballot.") var ballot: Int64
        @Flag(help: "Print them as JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let held = try await warden.ballots.heldChanges(BallotID(ballot), actor: .localOperator)
                if json { return try printJSON(held) }
                if held.isEmpty { Terminal.say("no held changes") }
                for change in held {
                    Terminal.say("\(change.id): \(change.reference) \(change.kinds.map(\.rawValue).joined(separator: ", ")) asked by \(change.requestedBy) "
                                 + "at \(change.requestedAt): \(change.state.words)" + (change.appliesAt.map { ", made from \($0)" } ?? ""))
                }
            }
        }
    }

    struct AnswerHeld: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "answer-held", abstract: "Confirm or refuse a held contact change for a voter, having checked with them.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The ballot.") var ballot: Int64
        @Option(help: "The held change.") var hold: Int64
        @Flag(exclusivity: .exclusive, help: "Confirm it, or refuse it.") var answer: Answer

        enum Answer: String, EnumerableFlag { case confirm, refuse }

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let state = try await warden.ballots.answerHeldChange(hold, on: BallotID(ballot), confirm: answer == .confirm, actor: .localOperator)
                Terminal.say("held change \(hold): \(state.words)")
            }
        }
    }
}
