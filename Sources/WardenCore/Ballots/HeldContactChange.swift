/// A change to a voter's contact details asked for while their ballot's electorate is frozen.
///
/// Seed 004: members' emails, phones and addresses were changed during a selection so that
/// someone else could vote in their name. From the freeze to the close, such a change is
/// not made at once: it waits for confirmation through a contact point the voter had at the
/// freeze (or by the returning officer, who has checked with them), then a cooling-off, and
/// is listed for the returning officer and the candidates' agents all the while.
public struct HeldContactChange: Sendable, Hashable, Codable {
    public var id: Int64
    public var ballotID: BallotID
    /// The voter's reference on the electorate: agents see this, never a name.
    public var reference: String
    /// The kinds of contact point the change touches.
    public var kinds: [ContactPoint.Kind]
    public var requestedAt: Timestamp
    public var requestedBy: String
    public var state: State
    public var confirmedAt: Timestamp?
    /// When a confirmed change is made.
    public var appliesAt: Timestamp?

    public enum State: String, Sendable, Codable {
        /// Waiting for the voter (or the returning officer) to confirm.
        case awaitingConfirmation = "awaiting_confirmation"
        /// Confirmed; made once the cooling-off ends.
        case coolingOff = "cooling_off"
        case applied
        /// The voter said it was not them, or the returning officer refused it.
        case refused
        /// Not confirmed before the ballot closed.
        case lapsed
    }

    public init(id: Int64, ballotID: BallotID, reference: String, kinds: [ContactPoint.Kind], requestedAt: Timestamp, requestedBy: String,
                state: State, confirmedAt: Timestamp?, appliesAt: Timestamp?) {
        self.id = id
        self.ballotID = ballotID
        self.reference = reference
        self.kinds = kinds
        self.requestedAt = requestedAt
        self.requestedBy = requestedBy
        self.state = state
        self.confirmedAt = confirmedAt
        self.appliesAt = appliesAt
    }

    /// More held changes than this to one electorate in ten minutes alert the DPO at once.
    public static let burst = 5
    public static let burstWindow: Int64 = 600
}
