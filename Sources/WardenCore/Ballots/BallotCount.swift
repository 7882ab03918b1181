public import Crypto

/// Opens a closed ballot's sealed rankings with the key the trustees rebuilt and counts
/// them (``ScottishSTV``), any tie left to lot drawn from the seed committed at the freeze.
public enum BallotCount {
    /// The published result of counting `sealed` for `ballot`. A sealed ranking that does not
    /// open (changed since it was stored, or sealed for another ballot) stops the count: the
    /// box is not what was cast, and counting the rest would hide it.
    public static func count(
        _ ballot: Ballot, sealed: [BallotSeal.Sealed], key: Curve25519.KeyAgreement.PrivateKey, lotSeed: [UInt8],
        credentialsSpent: Int, trackersOnBoard: Int, openedBy: [String], at instant: Timestamp
    ) throws -> BallotResult {
        var published: [PublishedBallot] = []
        published.reserveCapacity(sealed.count)
        for box in sealed {
            guard let ranking = try? BallotSeal.open(box, candidates: ballot.candidates.count, ballot: ballot.sealName, with: key) else {
                throw WardenError.conflict("ballot \(box.tracker) does not open with this ballot's key: the box was changed")
            }
            published.append(PublishedBallot(tracker: box.tracker, ranking: ranking))
        }
        published.sort { $0.tracker < $1.tracker }
        let election = RankedElection(title: ballot.title, candidates: ballot.candidates, seats: ballot.seats,
                                      ballots: published.map { RankedBallot(weight: 1, ranking: $0.ranking) })
        var lot = SeededGenerator(seed: seed(lotSeed))
        return BallotResult(
            transcript: ScottishSTV.count(election, lot: &lot), ballots: published, blt: BLT.text(election),
            counter: "Warden \(WardenRelease.version), \(ScottishSTV.rule)", lotSeed: Hex.encode(lotSeed),
            credentialsSpent: credentialsSpent, ballotsStored: sealed.count, trackersOnBoard: trackersOnBoard,
            openedBy: openedBy, countedAt: instant)
    }

    /// The commitment logged at the freeze to `lotSeed`.
    public static func commitment(to lotSeed: [UInt8]) -> String {
        Hex.encode(Array(SHA256.hash(data: lotSeed)))
    }

    /// The generator's seed: the lot seed's first eight bytes, big-endian (what `warden ballot
    /// count --seed` takes to draw any lot the same way).
    public static func seed(_ lotSeed: [UInt8]) -> UInt64 {
        lotSeed.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
