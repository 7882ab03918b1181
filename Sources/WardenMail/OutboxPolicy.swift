#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// How persistently the outbox retries a message: exponential backoff with a cap, and a limit on
/// attempts.
///
/// Backoff keeps a relay that is down or greylisting (4xx) from being hammered, the cap keeps a
/// long outage from pushing retries days out, and the attempt limit makes sure a message that
/// can never be delivered is eventually reported instead of retried forever. The values are
/// public so deployments and tests can shorten them.
public struct OutboxPolicy: Sendable, Hashable {
    /// The delay after the first failed attempt; each further failure doubles it.
    public var baseDelay: TimeInterval
    /// The longest delay between two attempts.
    public var maximumDelay: TimeInterval
    /// The number of attempts after which the outbox gives up (at least 1).
    public var maximumAttempts: Int

    /// Creates a policy. Defaults: 30 s, doubling, capped at 1 hour, 8 attempts — about
    /// 1 h 4 min from the first failure to giving up.
    public init(baseDelay: TimeInterval = 30, maximumDelay: TimeInterval = 3600, maximumAttempts: Int = 8) {
        self.baseDelay = max(0, baseDelay)
        self.maximumDelay = max(0, maximumDelay)
        self.maximumAttempts = max(1, maximumAttempts)
    }

    /// The wait after `attempts` failed attempts: `baseDelay × 2^(attempts − 1)`, at most
    /// ``maximumDelay``.
    public func delay(afterAttempts attempts: Int) -> TimeInterval {
        var delay = baseDelay
        var doublings = max(0, attempts - 1)
        while doublings > 0, delay < maximumDelay {
            delay *= 2
            doublings -= 1
        }
        return min(delay, maximumDelay)
    }
}
