import ArgumentParser
import Foundation
import WardenCore
import WardenServices


extension WardenCommand.BallotCommand {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set up a ballot of one area's members.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The ballot's title.") var title: String
        @Option(help: "The code of the area whose members vote.") var area: String
        @Option(help: "A candidate, in ballot-paper order (repeat).") var candidate: [String] = []
        @Flag(help: "Add \"Re-open nominations\" as a candidate.") var reopenNominations = false
        @Option(help: "Seats to fill: one is a preferential vote, more the single transferable vote.") var seats = 1
        @Option(help: "Members who joined on or before this date may vote (YYYY-MM-DD).") var joinedBy: CalendarDate
        @Flag(help: "Members in arrears may vote (otherwise only those paid up).") var arrearsMayVote = false
        @Option(help: "How voters get credentials: online, in_person, postal (repeat; default online).") var channel: [BallotChannel] = []
        @Option(help: "When the electorate is frozen (ISO 8601).") var freeze: Timestamp
        @Option(help: "When voting opens (ISO 8601).") var opens: Timestamp
        @Option(help: "When voting closes (ISO 8601).") var closes: Timestamp
        @Option(help: "The returning officer's username.") var returningOfficer: String
        @Option(help: "A scrutineer's username (give two).") var scrutineer: [String] = []
        @Option(help: "A candidate's agent's username (repeat).") var agent: [String] = []
        @Option(help: "Hours a credential issued again waits before it can be used.") var coolingOffHours = 48

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let ballot = try await warden.ballots.create(BallotDraft(
                    title: title, areaCode: area, candidates: candidate, reopenNominations: reopenNominations, seats: seats,
                    joinedOnOrBefore: joinedBy, inArrearsMayVote: arrearsMayVote, channels: Set(channel.isEmpty ? [.online] : channel),
                    freezeAt: freeze, opensAt: opens, closesAt: closes, trustees: [returningOfficer] + scrutineer, agents: agent,
                    coolingOffHours: coolingOffHours), actor: .localOperator)
                Terminal.say("ballot \(ballot.id) set up: \(ballot.title); each trustee now gives the age key their share is sealed to (trustee-key)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ballots, newest first.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let ballots = try await warden.ballots.ballots()
                if ballots.isEmpty { Terminal.say("no ballots") }
                for ballot in ballots {
                    Terminal.say("ballot \(ballot.id): \(ballot.title); \(ballot.phase(at: .now).words); closes \(ballot.closesAt)")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A ballot's set-up, and its electorate once frozen.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The ballot.") var ballot: Int64
        @Flag(help: "Print it as JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let ballot = try await warden.ballots.ballot(BallotID(ballot))
                if json { return try printJSON(ballot) }
                Terminal.say("ballot \(ballot.id): \(ballot.title) (\(ballot.phase(at: .now).words))")
                Terminal.say("rule: \(ballot.rule), \(ballot.seats) seat(s)")
                for (number, name) in ballot.candidates.enumerated() { Terminal.say("  \(number + 1). \(name)") }
                Terminal.say("channels: \(ballot.channels.sorted().map(\.words).joined(separator: ", "))")
                Terminal.say("freeze \(ballot.freezeAt); opens \(ballot.opensAt); closes \(ballot.closesAt)")
                for trustee in ballot.trustees {
                    Terminal.say("\(trustee.role.words): \(trustee.username)" + (trustee.recipient == nil ? " (no key given yet)" : ""))
                }
                if let frozen = ballot.frozen {
                    Terminal.say("electorate: \(frozen.size) voters, root \(frozen.root), frozen \(frozen.at)")
                    Terminal.say("lot seed committed: \(frozen.lotCommitment)")
                    Terminal.say("contact details changed by others in the 60 days before the freeze: \(frozen.recentlyChanged) voters")
                }
            }
        }
    }

    struct TrusteeKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the age key (age1…) a trustee's share of the ballot key is sealed to.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The ballot.") var ballot: Int64
        @Option(help: "The trustee's username.") var trustee: String
        @Option(help: "Their age public key, as age-keygen prints it.") var recipient: String

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                try await warden.ballots.setTrusteeKey(BallotID(ballot), username: trustee, recipient: recipient, actor: .localOperator)
                Terminal.say("ballot \(ballot): \(trustee)'s share will be sealed to \(recipient)")
            }
        }
    }

    struct Freeze: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Freeze the electorate: fix who may vote and where each is reached, draw the ballot key and split it among the trustees.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The ballot.") var ballot: Int64

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let frozen = try await warden.ballots.freeze(BallotID(ballot), actor: .localOperator)
                Terminal.say("ballot \(ballot) frozen: \(frozen.size) voters, root \(frozen.root) (in the log)")
                Terminal.say("\(frozen.recentlyChanged) voters had contact details changed by others in the 60 days before")
            }
        }
    }
}
