/// A count by the single transferable vote as Scottish councils count, under the Scottish
/// Local Government Elections Order 2011 (SSI 2011/399), Schedule 1, rules 45 to 52: one seat
/// is a preferential (alternative) vote, several seats STV.
///
/// - The quota is the valid ballots divided by one more than the seats, fractions dropped, plus one.
/// - A candidate reaching the quota is elected. Surpluses are transferred largest first; every
///   paper the candidate holds goes on at its value times the surplus over their votes,
///   worked to five decimal places and the rest dropped (the weighted inclusive Gregory
///   method). A paper goes to its next preference for a continuing candidate, or is
///   non-transferable.
/// - With no surplus left, the candidate with fewest votes is excluded and all their papers
///   go on at the value they came with.
/// - Ties (equal surpluses, equal lowest) go by the votes at the end of the most recent
///   preceding stage at which the tied candidates differed, and failing that by lot.
/// - When the continuing candidates are as many as the vacancies left, they are elected.
public enum ScottishSTV {
    /// Votes are counted in hundred-thousandths: the rules work to five decimal places.
    public static let scale: Int64 = 100_000
    public static let rule = "Single transferable vote, SSI 2011/399 Schedule 1 (Warden counter 1)"

    /// Counts `election`; `lot` draws any tie the rules leave to lot.
    public static func count(_ election: RankedElection, lot: inout some RandomNumberGenerator) -> CountTranscript {
        var count = Count(election)
        return count.run(lot: &lot)
    }

    /// Papers with the same ranking, value and holder, moved together.
    struct Parcel {
        var weight: Int64
        var ranking: [Int]
        /// Where in `ranking` the candidate now holding the papers stands.
        var position: Int
        /// Each paper's value, in hundred-thousandths.
        var value: Int64
    }

    enum Standing { case continuing, elected, excluded, withdrawn }

    struct Count {
        let election: RankedElection
        var parcels: [Parcel] = []
        var held: [[Int]]
        var votes: [Int64]
        var standing: [Standing]
        var stages: [CountTranscript.Stage] = []
        var elected: [Int] = []
        var awaitingTransfer: [Int] = []
        var nonTransferable: Int64 = 0
        var fractionsLost: Int64 = 0
        var valid = 0
        var invalid = 0
        var quota: Int64 = 0

        init(_ election: RankedElection) {
            self.election = election
            let size = election.candidates.count + 1
            held = Array(repeating: [], count: size)
            votes = Array(repeating: 0, count: size)
            standing = (0..<size).map { election.withdrawn.contains($0) ? .withdrawn : .continuing }
        }

        mutating func run(lot: inout some RandomNumberGenerator) -> CountTranscript {
            for ballot in election.ballots {
                let parcel = Parcel(weight: Int64(ballot.weight), ranking: ballot.ranking, position: -1, value: ScottishSTV.scale)
                if let next = next(after: parcel) {
                    valid += ballot.weight
                    credit(parcel, at: next)
                } else {
                    invalid += ballot.weight
                }
            }
            quota = (Int64(valid) / Int64(election.seats + 1) + 1) * ScottishSTV.scale
            var stage = beginStage(.firstPreferences)
            while true {
                electReachingQuota(into: &stage, lot: &lot)
                stages.append(stage)
                guard elected.count < election.seats else { break }
                let continuing = candidates(.continuing)
                if continuing.count <= election.seats - elected.count {
                    stage = beginStage(.remainingElected)
                    let ordered = continuing.sorted { votes[$0] > votes[$1] }
                    elected += ordered
                    for candidate in ordered { standing[candidate] = .elected }
                    stage.elected = ordered
                    close(&stage)
                    stages.append(stage)
                    break
                }
                var drawn: CountTranscript.Tie?
                if !awaitingTransfer.isEmpty {
                    // The largest surplus first: the most votes, since every one of them is over the same quota.
                    let candidate = pick(awaitingTransfer, highest: true, lot: &lot, drawn: &drawn)
                    awaitingTransfer.removeAll { $0 == candidate }
                    stage = beginStage(.surplus(candidate: candidate, transferValue: transferSurplus(of: candidate)))
                } else {
                    let candidate = pick(continuing, highest: false, lot: &lot, drawn: &drawn)
                    exclude(candidate)
                    stage = beginStage(.exclusion(candidate: candidate))
                }
                stage.tie = drawn
            }
            return CountTranscript(title: election.title, candidates: election.candidates, seats: election.seats, rule: ScottishSTV.rule,
                                   validBallots: valid, invalidBallots: invalid, quota: quota, stages: stages, elected: elected)
        }

        /// A stage about to be recorded: its number and action; votes are filled in when it ends.
        func beginStage(_ action: CountTranscript.Action) -> CountTranscript.Stage {
            CountTranscript.Stage(number: stages.count + 1, action: action, votes: [], nonTransferable: 0, fractionsLost: 0, elected: [])
        }

        func candidates(_ wanted: Standing) -> [Int] {
            (1..<standing.count).filter { standing[$0] == wanted }
        }

        /// The position of the next preference in `parcel` for a continuing candidate.
        func next(after parcel: Parcel) -> Int? {
            var position = parcel.position + 1
            while position < parcel.ranking.count {
                if standing[parcel.ranking[position]] == .continuing { return position }
                position += 1
            }
            return nil
        }

        mutating func credit(_ parcel: Parcel, at position: Int) {
            var moved = parcel
            moved.position = position
            let candidate = moved.ranking[position]
            parcels.append(moved)
            held[candidate].append(parcels.count - 1)
            votes[candidate] += moved.weight * moved.value
        }

        /// Moves `candidate`'s papers on, each at `value(paper)`, and empties their pile.
        mutating func passOn(_ candidate: Int, value: (Parcel) -> Int64) {
            let pile = held[candidate]
            held[candidate] = []
            for index in pile {
                var parcel = parcels[index]
                parcel.value = value(parcel)
                if let next = next(after: parcel) {
                    credit(parcel, at: next)
                } else {
                    nonTransferable += parcel.weight * parcel.value
                }
            }
        }

        /// Transfers an elected candidate's surplus; returns the transfer value of a paper of value one.
        mutating func transferSurplus(of candidate: Int) -> Int64 {
            let total = votes[candidate], surplus = total - quota
            let before = votes.reduce(0, +) + nonTransferable
            passOn(candidate) { surplus * $0.value / total }
            votes[candidate] = quota
            fractionsLost += before - (votes.reduce(0, +) + nonTransferable)
            return surplus * ScottishSTV.scale / total
        }

        mutating func exclude(_ candidate: Int) {
            standing[candidate] = .excluded
            passOn(candidate) { $0.value }
            votes[candidate] = 0
        }

        /// Elects every continuing candidate at or over the quota, most votes first, and closes the stage.
        mutating func electReachingQuota(into stage: inout CountTranscript.Stage, lot: inout some RandomNumberGenerator) {
            var reaching = candidates(.continuing).filter { votes[$0] >= quota }
            // More reaching the quota than seats left (possible only on the last seats): the most votes win them.
            while reaching.count > election.seats - elected.count {
                let fewest = pick(reaching, highest: false, lot: &lot, drawn: &stage.tie)
                reaching.removeAll { $0 == fewest }
            }
            for candidate in reaching.sorted(by: { votes[$0] > votes[$1] }) {
                standing[candidate] = .elected
                elected.append(candidate)
                stage.elected.append(candidate)
                if votes[candidate] > quota { awaitingTransfer.append(candidate) }
            }
            close(&stage)
        }

        /// Records where the votes stand at the end of `stage`.
        func close(_ stage: inout CountTranscript.Stage) {
            stage.votes = Array(votes.dropFirst())
            stage.nonTransferable = nonTransferable
            stage.fractionsLost = fractionsLost
        }

        /// The candidate in `group` with the most votes now (or the fewest), a tie broken by the
        /// votes at the end of the most recent preceding stage at which the tied candidates had
        /// unequal votes (rules 50(2) and 52(2)), then by lot (noted in `drawn`).
        func pick(_ group: [Int], highest: Bool, lot: inout some RandomNumberGenerator, drawn: inout CountTranscript.Tie?) -> Int {
            func best(_ values: [Int64]) -> Int64 { highest ? values.max()! : values.min()! }
            let now = best(group.map { votes[$0] })
            let tied = group.filter { votes[$0] == now }.sorted()
            guard tied.count > 1 else { return tied[0] }
            var leading = tied
            for earlier in stages.reversed() {
                let values = tied.map { earlier.votes[$0 - 1] }
                guard Set(values).count > 1 else { continue }
                leading = tied.filter { earlier.votes[$0 - 1] == best(values) }
                if leading.count == 1 {
                    drawn = CountTranscript.Tie(tied: tied, chosen: leading[0], byStage: earlier.number)
                    return leading[0]
                }
                break
            }
            let chosen = leading[Int.random(in: 0..<leading.count, using: &lot)]
            drawn = CountTranscript.Tie(tied: tied, chosen: chosen, byStage: nil)
            return chosen
        }
    }
}
