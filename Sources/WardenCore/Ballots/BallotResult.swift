/// What the count publishes: enough for anyone to check it and count it again.
///
/// Every ballot appears once, sorted by its tracker (no link to any voter: the tracker is a
/// hash only the voter was given), so a voter can find theirs and see it was counted as
/// cast. The same rankings in BLT recount with any counter. The checks tie the count to
/// the ballot box: credentials spent, ballots stored and trackers on the bulletin board are
/// the same number.
public struct BallotResult: Sendable, Hashable, Codable {
    public var transcript: CountTranscript
    public var ballots: [PublishedBallot]
    /// The rankings in BLT, sorted as `ballots`.
    public var blt: String
    /// The counter that counted: this Warden's version and the rule.
    public var counter: String
    /// The lot seed, whose SHA-256 the log recorded at the freeze (``FrozenElectorate/lotCommitment``).
    public var lotSeed: String
    public var credentialsSpent: Int
    public var ballotsStored: Int
    public var trackersOnBoard: Int
    /// The trustees whose shares opened the key.
    public var openedBy: [String]
    public var countedAt: Timestamp

    public init(transcript: CountTranscript, ballots: [PublishedBallot], blt: String, counter: String, lotSeed: String,
                credentialsSpent: Int, ballotsStored: Int, trackersOnBoard: Int, openedBy: [String], countedAt: Timestamp) {
        self.transcript = transcript
        self.ballots = ballots
        self.blt = blt
        self.counter = counter
        self.lotSeed = lotSeed
        self.credentialsSpent = credentialsSpent
        self.ballotsStored = ballotsStored
        self.trackersOnBoard = trackersOnBoard
        self.openedBy = openedBy
        self.countedAt = countedAt
    }

    /// Whether credentials spent, ballots stored and trackers on the board agree.
    public var tallies: Bool {
        credentialsSpent == ballotsStored && ballotsStored == trackersOnBoard
    }
}

/// One counted ballot as published: its tracker and its ranking.
public struct PublishedBallot: Sendable, Hashable, Codable {
    public var tracker: String
    /// Candidate numbers from 1, first preference first; empty for a ballot that ranked no one.
    public var ranking: [Int]

    public init(tracker: String, ranking: [Int]) {
        self.tracker = tracker
        self.ranking = ranking
    }
}
