import Synchronization

/// A token bucket for submissions to one relay, shared by every task that sends through it.
///
/// Providers throttle, and then block, senders that exceed their agreed rate; a bulk send of a
/// hundred thousand messages from several tasks must stay under it together, so the limiter is
/// one object the tasks share rather than a delay each applies on its own. Each ``acquire()``
/// reserves the next free slot at once (generic cell rate algorithm), so waiting tasks are
/// served in the order they asked and never all wake at the same instant.
public final class SMTPRateLimiter: Sendable {
    /// The time between two slots.
    private let interval: Duration
    /// How far ahead of the steady rate a burst may run: `(burst − 1) × interval`.
    private let tolerance: Duration
    /// The theoretical time of the next slot; `nil` before the first.
    private let nextSlot = Mutex<ContinuousClock.Instant?>(nil)

    /// Creates a limiter.
    /// - Parameters:
    ///   - messagesPerSecond: The sustained rate; must be positive.
    ///   - burst: How many messages may go at once after a pause (default 1: strictly spaced).
    public init(messagesPerSecond: Double, burst: Int = 1) {
        precondition(messagesPerSecond > 0 && messagesPerSecond.isFinite, "the rate must be positive")
        interval = .nanoseconds(Int64((1e9 / messagesPerSecond).rounded()))
        tolerance = interval * max(0, burst - 1)
    }

    /// A limiter for `relay`'s ``SMTPRelay/messagesPerSecond``, or `nil` when it has none.
    public convenience init?(for relay: SMTPRelay) {
        guard let rate = relay.messagesPerSecond, rate > 0, rate.isFinite else { return nil }
        self.init(messagesPerSecond: rate)
    }

    /// Waits until this caller may submit one message.
    /// - Throws: `CancellationError` when the task is cancelled while waiting (its slot is then
    ///   lost, which only makes the rate lower).
    public func acquire() async throws {
        let wait = reserve(at: .now)
        if wait > .zero { try await Task.sleep(for: wait) }
    }

    /// Reserves the next slot for a caller arriving at `now` and returns how long it must wait.
    func reserve(at now: ContinuousClock.Instant) -> Duration {
        nextSlot.withLock { next in
            let slot = max(next ?? now, now)
            next = slot + interval
            let wait = slot - tolerance - now
            return wait > .zero ? wait : .zero
        }
    }
}
