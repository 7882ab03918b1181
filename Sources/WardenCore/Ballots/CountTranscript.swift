/// What a count did, stage by stage, for anyone to check: the quota, each stage's action and
/// every candidate's votes after it, the votes no longer transferable, what fell away in
/// rounding, who was elected when, and how every tie was settled.
///
/// Votes are in hundred-thousandths (``ScottishSTV/scale``): the rules work to five decimal
/// places, and ``votes(_:)`` shows them so.
public struct CountTranscript: Sendable, Hashable, Codable {
    public var title: String
    public var candidates: [String]
    public var seats: Int
    public var rule: String
    /// Ballots with a preference for a candidate standing, and those with none.
    public var validBallots: Int
    public var invalidBallots: Int
    /// In hundred-thousandths of a vote.
    public var quota: Int64
    public var stages: [Stage]
    /// Candidate numbers (from 1), in the order they were elected.
    public var elected: [Int]

    public struct Stage: Sendable, Hashable, Codable {
        public var number: Int
        public var action: Action
        /// Each candidate's votes after the stage, in hundred-thousandths (candidate 1 first).
        public var votes: [Int64]
        /// Votes on papers with no further preference, so far.
        public var nonTransferable: Int64
        /// Votes lost to rounding transfer values down, so far.
        public var fractionsLost: Int64
        /// Candidates elected at this stage.
        public var elected: [Int]
        /// A tie settled at this stage (which surplus first, who is excluded, who takes the last
        /// seats): who tied, who was chosen, and how.
        public var tie: Tie?
    }

    public enum Action: Sendable, Hashable, Codable {
        case firstPreferences
        /// A surplus transferred, each paper's new value worked out from its value when received
        /// (the transfer value of a paper first counted for them, in hundred-thousandths).
        case surplus(candidate: Int, transferValue: Int64)
        case exclusion(candidate: Int)
        /// The continuing candidates are as many as the vacancies left, and fill them.
        case remainingElected
    }

    public struct Tie: Sendable, Hashable, Codable {
        public var tied: [Int]
        public var chosen: Int
        /// The earlier stage whose votes settled it, or `nil` when they were equal at every
        /// stage and it was settled by lot.
        public var byStage: Int?

        public init(tied: [Int], chosen: Int, byStage: Int?) {
            self.tied = tied
            self.chosen = chosen
            self.byStage = byStage
        }

        public var byLot: Bool { byStage == nil }
    }

    /// Hundred-thousandths of a vote as the rules write them: `"1234.56789"`.
    public static func votes(_ units: Int64) -> String {
        let whole = units / ScottishSTV.scale, fraction = units % ScottishSTV.scale
        let digits = String(fraction)
        return "\(whole).\(String(repeating: "0", count: 5 - digits.count))\(digits)"
    }

    /// The transcript as text: the quota, then each stage and the winners.
    public var text: String {
        func name(_ candidate: Int) -> String { SafeText.line(candidates[candidate - 1]) }
        var lines = ["\(SafeText.line(title))", "\(rule)", "Seats: \(seats); candidates: \(candidates.count); valid ballots: \(validBallots)"
                     + (invalidBallots > 0 ? "; with no preference for a candidate standing: \(invalidBallots)" : ""),
                     "Quota: \(Self.votes(quota))"]
        for stage in stages {
            let heading = switch stage.action {
            case .firstPreferences: "first preferences"
            case .surplus(let candidate, let value): "surplus of \(name(candidate)) transferred (transfer value \(Self.votes(value)))"
            case .exclusion(let candidate): "\(name(candidate)) excluded, their papers transferred"
            case .remainingElected: "the continuing candidates fill the remaining vacancies"
            }
            lines.append("")
            lines.append("Stage \(stage.number): \(heading)")
            if let tie = stage.tie {
                let how = tie.byStage.map { "by their votes at stage \($0)" } ?? "by lot"
                lines.append("  tie between \(tie.tied.map(name).joined(separator: ", ")) settled \(how): \(name(tie.chosen))")
            }
            for (index, votes) in stage.votes.enumerated() {
                lines.append("  \(Self.votes(votes).padding(toLength: 14))  \(name(index + 1))")
            }
            lines.append("  \(Self.votes(stage.nonTransferable).padding(toLength: 14))  non-transferable")
            lines.append("  \(Self.votes(stage.fractionsLost).padding(toLength: 14))  lost to rounding")
            if !stage.elected.isEmpty { lines.append("  elected: \(stage.elected.map(name).joined(separator: ", "))") }
        }
        lines.append("")
        lines.append("Elected: \(elected.map(name).joined(separator: "; "))")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// Right-aligned in `width` columns.
    fileprivate func padding(toLength width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
