import Foundation
import Testing
import WardenCore

/// Warden's counter against two independent counters from PyPI on 200 random elections.
/// Where they disagree, the test says which follows SSI 2011/399 Schedule 1, and why:
///
/// - **stvpoll** (Scottish STV) transfers a surplus to candidates elected at the same stage
///   whose own surplus is still to go: they are no longer continuing candidates, and rule
///   49(2) sends papers only to continuing ones. Warden follows the rule, so the two may differ
///   only where one stage elected several candidates; and where a tie went to lot, since
///   stvpoll's draw is not Warden's.
/// - **pyrankvote** (STV) uses the exact Droop quota (not rule 47's whole number plus one),
///   excludes several candidates at once (rule 51 excludes one a stage), does not round transfer
///   values down to five places (rule 49(3)), and breaks ties by second preferences (rule 52
///   looks at the most recent stage at which the tied candidates differed, then lot). The counts
///   agree on the single-seat elections with no tie, where none of this can change the winner.
struct PeerCounterTests {
    struct Peer: Decodable {
        var blt: String
        var seats: Int
        var stvpoll: [Int]
        var pyrankvote: [Int]?
    }

    static func peers() throws -> [Peer] {
        let script = try #require(Bundle.module.url(forResource: "peers", withExtension: "py"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "200", "2026"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0,
                     "needs stvpoll and pyrankvote (python3 -m pip install stvpoll pyrankvote; scripts/test installs them): \(problem)")
        return try JSONDecoder().decode([Peer].self, from: data)
    }

    @Test func theCountersAgreeWhereTheRulesLeaveThemNothingToDifferOn() throws {
        let elections = try Self.peers()
        #expect(elections.count == 200)
        var stvpollDiffers = 0, pyrankvoteCompared = 0
        for (index, peer) in elections.enumerated() {
            var lot = SeededGenerator(seed: 1)
            let transcript = ScottishSTV.count(try BLT.parse(peer.blt, file: "generated-\(index).blt"), lot: &lot)
            let winners = transcript.elected.sorted()
            let severalAtOnce = transcript.stages.contains { $0.elected.count > 1 }
            let lotDrawn = transcript.stages.contains { $0.tie?.byLot == true }
            if winners != peer.stvpoll {
                stvpollDiffers += 1
                #expect(severalAtOnce || lotDrawn, "election \(index): Warden elects \(winners), stvpoll \(peer.stvpoll)\n\(peer.blt)")
            }
            if peer.seats == 1, !transcript.stages.contains(where: { $0.tie != nil }), let theirs = peer.pyrankvote {
                pyrankvoteCompared += 1
                #expect(winners == theirs, "election \(index): Warden elects \(winners), pyrankvote \(theirs)\n\(peer.blt)")
            }
        }
        #expect(stvpollDiffers <= elections.count / 20, "stvpoll differs on \(stvpollDiffers) of \(elections.count)")
        #expect(pyrankvoteCompared >= 30)
    }
}
