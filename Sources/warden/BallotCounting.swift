import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand.BallotCommand {
    struct ShareFile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "share-file", abstract: "Write a trustee's share of the ballot key, sealed to their age key, for them to open with age -d.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The ballot.") var ballot: Int64
        @Option(help: "The trustee's username.") var trustee: String
        @Option(help: "Where to write it (created 0600; never overwritten).") var out: String

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let sealed = try await warden.ballots.sealedShare(BallotID(ballot), trustee: trustee, actor: .localOperator)
                try PrivateFile.create(out, bytes: sealed)
                Terminal.say("\(out): \(trustee)'s share, sealed; they open it with: age -d -i THEIR-KEY \(out)")
            }
        }
    }

    struct Share: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Hand back a trustee's opened share after the close; two of three open the key.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The ballot.") var ballot: Int64
        @Option(help: "The trustee's username.") var trustee: String
        @Option(help: "The file age -d wrote (the share's one line).") var file: String

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                guard let data = FileManager.default.contents(atPath: file) else { throw WardenError.invalidRequest("\(file): cannot read the file") }
                let count = try await warden.ballots.returnShare(BallotID(ballot), share: String(decoding: data, as: UTF8.self), trustee: trustee,
                                                                 actor: .localOperator)
                Terminal.say("\(count) of 3 shares in hand" + (count >= 2 ? "; the ballot can be counted (declare)" : ""))
            }
        }
    }

    struct Declare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open the key with the shares handed back, count the closed ballot and publish the result.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The ballot.") var ballot: Int64
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let result = try await warden.ballots.count(BallotID(ballot), actor: .localOperator)
                if json { return try printJSON(result) }
                say(result)
            }
        }
    }

    struct Result: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A counted ballot's published result; --blt writes its ballots for any counter.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The ballot.") var ballot: Int64
        @Flag(help: "Print the result as JSON.") var json = false
        @Option(help: "Write the ballots in BLT here (created 0600; never overwritten).") var blt: String?

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let result = try await warden.ballots.result(BallotID(ballot))
                if let blt {
                    try PrivateFile.create(blt, bytes: Array(result.blt.utf8))
                    Terminal.say("\(blt): \(result.ballots.count) ballots in BLT; recount with: warden ballot count \(blt) --seed \(BallotCount.seed(Hex.decode(result.lotSeed) ?? []))")
                }
                if json { return try printJSON(result) }
                say(result)
            }
        }
    }
}

/// The transcript and the checks that tie it to the box.
private func say(_ result: BallotResult) {
    Terminal.say(result.transcript.text)
    Terminal.say("counter: \(result.counter)")
    Terminal.say("credentials spent \(result.credentialsSpent), ballots \(result.ballotsStored), trackers on the board \(result.trackersOnBoard)"
                 + (result.tallies ? ": they agree" : ": THEY DO NOT AGREE"))
    Terminal.say("key opened by \(result.openedBy.joined(separator: " and ")); lot seed \(result.lotSeed)")
}
