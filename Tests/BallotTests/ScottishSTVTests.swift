import Foundation
import Testing
import WardenCore

/// The counter against real elections: every Scottish council election in the test data
/// (by-elections are preferential votes, ward elections STV) elects the winners two
/// independent counters agree on; and the rules' details on small elections worked by hand.
struct ScottishSTVTests {
    static let folder = Bundle.module.url(forResource: "ballots", withExtension: nil)!

    struct Expected: Decodable {
        var candidates: Int
        var seats: Int
        var winners: [Int]
    }

    static func count(_ text: String, seed: UInt64 = 1) throws -> CountTranscript {
        var lot = SeededGenerator(seed: seed)
        return ScottishSTV.count(try BLT.parse(text, file: "test.blt"), lot: &lot)
    }

    @Test func everyScottishElectionInTheTestDataElectsItsWinners() throws {
        let expected = try JSONDecoder().decode([String: Expected].self, from: Data(contentsOf: Self.folder.appendingPathComponent("expected.json")))
        #expect(expected.count == 45)
        for (file, want) in expected.sorted(by: { $0.key < $1.key }) {
            let text = try String(contentsOf: Self.folder.appendingPathComponent("blt/\(file)"), encoding: .utf8)
            let election = try BLT.parse(text, file: file)
            #expect(election.candidates.count == want.candidates && election.seats == want.seats, "\(file)")
            var lot = SeededGenerator(seed: 1)
            let transcript = ScottishSTV.count(election, lot: &lot)
            #expect(transcript.elected.sorted() == want.winners, "\(file): \(transcript.elected.sorted()) elected, \(want.winners) expected")
            #expect(transcript.stages.allSatisfy { $0.tie?.byLot != true }, "\(file): no real election here needed a lot")
            // Every vote is accounted for at every stage: held, non-transferable, or lost to rounding.
            for stage in transcript.stages {
                #expect(stage.votes.reduce(0, +) + stage.nonTransferable + stage.fractionsLost == Int64(transcript.validBallots) * ScottishSTV.scale,
                        "\(file) stage \(stage.number)")
            }
            // Published in BLT and read back, the ballots count the same.
            var again = SeededGenerator(seed: 1)
            #expect(ScottishSTV.count(try BLT.parse(BLT.text(election), file: file), lot: &again).elected == transcript.elected, "\(file)")
        }
    }

    /// Two seats, 100 ballots: the quota, a surplus transferred at its transfer value, an
    /// exclusion that takes a candidate over the quota.
    @Test func aSmallCountWorkedByHand() throws {
        let transcript = try Self.count("""
            4 2
            40 1 2 0
            25 2 0
            20 3 0
            15 4 3 0
            0
            "Ann"
            "Bob"
            "Cat"
            "Dan"
            "By hand"
            """)
        // Quota: 100 / 3 = 33, plus one = 34.
        #expect(transcript.quota == 34 * ScottishSTV.scale)
        // Stage 1: Ann elected with 40. Stage 2: her surplus of 6 goes to Bob at 6/40 = 0.15 a paper.
        #expect(transcript.stages[0].elected == [1])
        guard case .surplus(candidate: 1, transferValue: 15_000) = transcript.stages[1].action else {
            Issue.record("stage 2 should transfer Ann's surplus at 0.15: \(transcript.stages[1].action)")
            return
        }
        #expect(transcript.stages[1].votes == [34 * ScottishSTV.scale, 31 * ScottishSTV.scale, 20 * ScottishSTV.scale, 15 * ScottishSTV.scale])
        // Stage 3: Dan (15) excluded; his papers go to Cat: 35, over the quota.
        guard case .exclusion(candidate: 4) = transcript.stages[2].action else {
            Issue.record("stage 3 should exclude Dan: \(transcript.stages[2].action)")
            return
        }
        #expect(transcript.stages[2].elected == [3])
        #expect(transcript.elected == [1, 3])
    }

    @Test func transferValuesAreTruncatedToFivePlacesAndTheLossIsCounted() throws {
        // Quota 4 (9 / 3 + 1). A has 7: surplus 3 over 7 = 0.428571… → 0.42857 a paper; 7 × 0.42857 = 2.99999.
        let transcript = try Self.count("""
            3 2
            7 1 2 0
            2 3 0
            0
            A
            B
            C
            Truncation
            """)
        guard case .surplus(candidate: 1, transferValue: 42_857) = transcript.stages[1].action else {
            Issue.record("expected A's surplus at 0.42857: \(transcript.stages[1].action)")
            return
        }
        #expect(transcript.stages[1].votes[1] == 299_999)
        #expect(transcript.stages[1].fractionsLost == 1)
        #expect(CountTranscript.votes(299_999) == "2.99999")
    }

    /// Rule 52: a tie for the fewest votes goes against the candidate with fewer at the most
    /// recent earlier stage at which the tied candidates differed.
    @Test func aTieForTheFewestVotesIsSettledByTheMostRecentStageAtWhichTheyDiffered() throws {
        let transcript = try Self.count("""
            4 1
            5 1 0
            4 2 0
            2 3 2 0
            1 3 1 0
            7 4 0
            0
            A
            B
            C
            D
            Earlier stage
            """)
        // Stage 2 (C excluded) leaves A and B on 6 each; at stage 1 A had 5 and B 4: B goes.
        #expect(transcript.stages[1].votes.prefix(2) == [6 * ScottishSTV.scale, 6 * ScottishSTV.scale])
        #expect(transcript.stages[2].tie == CountTranscript.Tie(tied: [1, 2], chosen: 2, byStage: 1))
        guard case .exclusion(candidate: 2) = transcript.stages[2].action else {
            Issue.record("stage 3 should exclude B: \(transcript.stages[2].action)")
            return
        }
        #expect(transcript.elected == [4])
        #expect(transcript.text.contains("tie between A, B settled by their votes at stage 1: B"))
    }

    @Test func aTieTheRulesLeaveToLotIsDrawnFromTheSeedAndRecorded() throws {
        let blt = """
            3 1
            2 1 0
            2 2 0
            3 3 0
            0
            A
            B
            C
            Tie
            """
        let first = try Self.count(blt, seed: 7)
        let tie = try #require(first.stages.compactMap(\.tie).first)
        #expect(tie.tied == [1, 2] && tie.byLot)
        #expect(try Self.count(blt, seed: 7) == first, "the same seed draws the same way")
        let draws = Set(try (1...20).map { try Self.count(blt, seed: $0).stages.compactMap(\.tie).first?.chosen })
        #expect(draws == [1, 2], "different seeds draw both ways")
        #expect(first.text.contains("settled by lot"))
    }

    @Test func badFilesAreRefusedNamingTheLine() {
        for (text, problem) in [
            ("", "test.blt:1: empty"),
            ("3 4\n0\nA\nB\nC\n", "test.blt:1: expected the number of candidates"),
            ("2 1\n1 1 2\n0\nA\nB\n", "test.blt:2: expected a weight"),
            ("2 1\n1 3 0\n0\nA\nB\n", "test.blt:2: a preference is not a candidate"),
            ("2 1\n1 1=2 0\n0\nA\nB\n", "test.blt:2: expected whole numbers"),
            ("2 1\n1 1 0\n0\nA\n", "test.blt:1: fewer names"),
        ] {
            do {
                _ = try BLT.parse(text, file: "test.blt")
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.description.contains(problem), "\(error.description)")
            }
        }
    }
}
