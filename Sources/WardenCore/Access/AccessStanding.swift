/// The session an account's ``Actor`` was resolved from, and the account's access generation
/// at that moment.
///
/// The generation is a counter the store bumps whenever anything that decides the account's
/// access changes: a grant made, approved, revoked or removed; its session ended; the
/// account disabled or its password or second factor changed; the membership of its person.
/// The Gate's reads and writes of people (reads, contact and membership changes, doorstep
/// results) check the standing first in their own transaction and stop with
/// ``StandingChanged`` when it no longer holds, so nothing is read or committed on access the
/// account has lost, even when the actor came from a cache.
public struct AccessStanding: Sendable, Hashable {
    public var sessionID: Int64
    public var generation: Int64
    /// Whether the actor came from the session cache rather than a read in this request:
    /// such an actor is never refused on the policy's word alone (it may predate a grant),
    /// but resolved afresh first.
    public var cached: Bool

    public init(sessionID: Int64, generation: Int64, cached: Bool) {
        self.sessionID = sessionID
        self.generation = generation
        self.cached = cached
    }
}

/// The actor's standing changed after it was resolved: nothing was written; resolve the
/// session afresh and decide again.
public struct StandingChanged: Error, Sendable {
    public init() {}
}
