import ArgumentParser
import Foundation
import WardenCore

extension WardenCommand {
    /// `warden ballot count FILE.blt`.
    struct BallotCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ballot", abstract: "Count ranked ballots.",
            subcommands: [Count.self])

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
