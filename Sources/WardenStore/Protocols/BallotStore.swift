public import WardenCore

/// Members' ballots apart from their voters: the set-up, the trustees' shares, the box's
/// sealed rankings and the published count. Nothing here reaches a person; the electorate,
/// the credentials and casting are the Gate's (``ElectorateStore``).
public protocol BallotStore: Sendable {
    /// Records `draft` (its identifier is assigned here) with `audit`.
    func createBallot(_ draft: Ballot, audit: AuditEvent) async throws -> Ballot
    func ballot(_ id: BallotID) async throws -> Ballot?
    /// The newest ballots first.
    func ballots(limit: Int) async throws -> [Ballot]
    /// Writes the trustees as `ballot` has them (their age recipients), with `audit`.
    func updateTrustees(of ballot: Ballot, audit: AuditEvent) async throws
    /// The share of trustee `seat` (1 the returning officer, 2 and 3 the scrutineers), sealed to their recipient.
    func sealedShare(of ballot: BallotID, seat: Int) async throws -> [UInt8]?
    /// Keeps the share trustee `seat` handed back for the count, with `audit`; returns the
    /// seats whose shares are now in hand.
    func returnShare(of ballot: BallotID, seat: Int, share: [UInt8], audit: AuditEvent) async throws -> [Int]
    /// What the count needs: the sealed rankings sorted by tracker, the shares handed back,
    /// the lot seed, and the box's tallies.
    func ballotBox(_ ballot: BallotID) async throws -> BallotBox
    /// Publishes `result`, marks the ballot counted and forgets the shares handed back, with `audit`.
    func publishResult(_ result: BallotResult, of ballot: BallotID, audit: AuditEvent) async throws
    func result(of ballot: BallotID) async throws -> BallotResult?
    /// Rewrites the box and the spent credentials of every ballot cast in since the last
    /// mix, in one transaction each; returns the ballots mixed (``BallotBoxMixing``).
    func mixBallotBoxes() async throws -> Int
    /// The log leaf of `tracker`'s entry on `ballot`'s bulletin board, once the log has numbered it.
    func boardEntry(of ballot: BallotID, tracker: String) async throws -> BoardEntry?
}

/// A closed ballot's box, as the count opens it.
public struct BallotBox: Sendable {
    public var sealed: [BallotSeal.Sealed]
    /// Shares handed back for the count, by trustee seat.
    public var returnedShares: [Int: [UInt8]]
    public var lotSeed: [UInt8]
    public var credentialsSpent: Int
    /// The trackers the log's bulletin board lists for the ballot.
    public var trackersOnBoard: Set<String>
}
