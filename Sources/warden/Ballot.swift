import ArgumentParser
import Foundation
import WardenCore

extension WardenCommand {
    /// `warden ballot …`: members' ballots from set-up to the published count, and counting any BLT file.
    struct BallotCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ballot", abstract: "Run members' ballots (selections, officer elections) and count ranked ballots.",
            discussion: """
                A ballot is set up (create, trustee-key), frozen (its electorate and the contact details of each voter fixed), \
                issues one credential per voter (issue, void), takes votes (cast, or the ballot's page), and after the close is \
                counted once two of its three trustees hand back their shares of its key (share-file, share, declare). Its \
                result publishes every ballot by tracker and in BLT, which `warden ballot count` (or any counter) recounts.
                """,
            subcommands: [Create.self, List.self, Show.self, TrusteeKey.self, Freeze.self, Issue.self, Void.self, Cast.self, Register.self,
                          Held.self, AnswerHeld.self, ShareFile.self, Share.self, Declare.self, Result.self, Count.self])

        struct Count: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Count a BLT file by the single transferable vote, as Scottish councils count (SSI 2011/399 Schedule 1).",
                discussion: """
                    One seat is a preferential (alternative) vote; several seats, STV. Prints the quota and every stage: each \\
                    candidate's votes, the votes no longer transferable and those lost to rounding, who was elected when, and any \\
                    tie settled by lot (drawn from --seed, so a recount with the same seed draws the same way). Any BLT file counts, \\
                    so a published ballot can be recounted here or with another counter.
                    """)
            @Argument(help: "The BLT file.") var file: String
            @Flag(help: "Print the transcript as JSON.") var json = false
            @Option(help: "The seed that draws any tie left to lot.") var seed: UInt64 = 1

            func run() async throws {
                try await reportingErrors {
                    guard let data = FileManager.default.contents(atPath: file) else {
                        throw WardenError.invalidRequest("\(file): cannot read the file")
                    }
                    let election = try BLT.parse(String(decoding: data, as: UTF8.self), file: file)
                    var lot = SeededGenerator(seed: seed)
                    let transcript = ScottishSTV.count(election, lot: &lot)
                    if json { return try printJSON(transcript) }
                    Terminal.say(transcript.text)
                }
            }
        }
    }
}
