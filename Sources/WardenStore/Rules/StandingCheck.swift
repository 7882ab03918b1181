import WardenCore

/// What a rule needs to check, inside the engine's write transaction, that the actor it
/// decides for still stands where it stood when resolved.
protocol StandingLedger {
    /// The account's access generation while the session is live and the account enabled;
    /// `nil` otherwise.
    func accessGeneration(session: Int64) throws -> Int64?
}

extension StandingLedger {
    /// Throws ``StandingChanged`` unless the session behind `standing` is still live and its
    /// account's access generation is the one it was resolved at (`nil`: the local operator). The first step of every Gate write,
    /// before anything is found, refused or written, so a stale actor leaves no trace and the
    /// request is decided again on a fresh one.
    func checkStanding(_ standing: AccessStanding?) throws {
        guard let standing else { return }
        guard try accessGeneration(session: standing.sessionID) == standing.generation else { throw StandingChanged() }
    }
}
