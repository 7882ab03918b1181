/// What a change to a person's contact details did.
public enum ContactChangeOutcome: Sendable, Hashable {
    /// A new version with these fields, and this many notices queued.
    case changed(versionID: Int64, fields: [String], notices: Int)
    /// The record already held these values: no version.
    case unchanged
    case notFound
    /// Refused, recorded and alerted.
    case outOfScope
    /// The person is on a frozen ballot electorate: the change waits for confirmation through
    /// the contact points held at the freeze, then a cooling-off (``HeldContactChange``).
    case held(holdID: Int64, ballot: BallotID)
}
