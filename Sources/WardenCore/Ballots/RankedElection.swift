/// A ranked election as a counter reads it: the candidates, the seats, and the ballots, each
/// line a ranking with how many ballots carry it.
///
/// Candidates are numbered from 1 as BLT numbers them; a withdrawn candidate stays numbered
/// and is passed over wherever a ballot ranks them.
public struct RankedElection: Sendable, Hashable, Codable {
    public var title: String
    public var candidates: [String]
    public var seats: Int
    /// Candidate numbers (from 1) withdrawn before the count.
    public var withdrawn: Set<Int>
    public var ballots: [RankedBallot]

    public init(title: String, candidates: [String], seats: Int, withdrawn: Set<Int> = [], ballots: [RankedBallot]) {
        self.title = title
        self.candidates = candidates
        self.seats = seats
        self.withdrawn = withdrawn
        self.ballots = ballots
    }

    /// Ballots in all, counting each line's weight.
    public var ballotCount: Int { ballots.reduce(0) { $0 + $1.weight } }
}

/// One ranking and how many ballots carry it.
public struct RankedBallot: Sendable, Hashable, Codable {
    /// How many identical ballots this line stands for.
    public var weight: Int
    /// Candidate numbers (from 1), first preference first.
    public var ranking: [Int]

    public init(weight: Int, ranking: [Int]) {
        self.weight = weight
        self.ranking = ranking
    }
}
