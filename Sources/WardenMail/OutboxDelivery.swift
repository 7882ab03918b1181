#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The delivery lifecycle of one outbox message, as a pure state machine.
///
/// The outbox worker owns the I/O (loading a due message, calling ``SMTPClient``, saving the
/// row); this type owns the decision of what happens after each attempt, so the retry rules live
/// in one place and are testable without a relay or a clock. Build it from the attempts stored
/// with the message, report the attempt's outcome, and store the returned ``Decision``.
///
/// ```
/// pending(attempts: n) ──sent──────────────────────────────▶ sent
///        │ ──transient failure, n+1 < max──▶ pending(n+1), retry at now + backoff
///        │ ──transient failure, n+1 = max──▶ gaveUp
///        └ ──permanent failure─────────────────────────────▶ gaveUp
/// ```
public struct OutboxDelivery: Sendable, Hashable {
    /// The result of one delivery attempt.
    public enum Outcome: Sendable {
        /// The relay accepted the message.
        case sent
        /// The attempt failed. ``SMTPError`` is classified by ``SMTPError/isPermanent``; a
        /// ``MailFormatError`` is permanent; any other error is treated as transient.
        case failed(any Error)
    }

    /// What the outbox must do with the message after an attempt.
    public enum Decision: Sendable, Hashable {
        /// Mark the message sent.
        case sent(at: Date)
        /// Keep the message and attempt again at `at`; `attempts` is the new attempt count to
        /// store.
        case retry(at: Date, attempts: Int)
        /// Stop trying. `reason` is safe to store and show to staff: it never contains an
        /// address, the message or the relay's reply text.
        case gaveUp(attempts: Int, reason: String)
    }

    /// Where the message is in its lifecycle.
    public enum State: Sendable, Hashable {
        /// Waiting for (another) attempt; `attempts` have failed so far.
        case pending(attempts: Int)
        /// Delivered; terminal.
        case sent(at: Date, attempts: Int)
        /// Abandoned; terminal.
        case gaveUp(attempts: Int, reason: String)
    }

    /// The current state.
    public private(set) var state: State
    /// The retry policy in force.
    public let policy: OutboxPolicy

    /// Resumes the lifecycle of a message that has had `attempts` failed attempts so far (0 for
    /// a new message).
    public init(attempts: Int = 0, policy: OutboxPolicy = OutboxPolicy()) {
        self.state = .pending(attempts: max(0, attempts))
        self.policy = policy
    }

    /// The number of attempts made so far.
    public var attempts: Int {
        switch state {
        case .pending(let attempts), .sent(_, let attempts), .gaveUp(let attempts, _): attempts
        }
    }

    /// Records the outcome of an attempt that finished at `now` and returns what to do next.
    ///
    /// Once the message is sent or given up, further outcomes do not change anything: the
    /// terminal decision is returned again, so a duplicate report cannot resurrect a message.
    public mutating func record(_ outcome: Outcome, now: Date) -> Decision {
        switch state {
        case .sent(let at, _):
            return .sent(at: at)
        case .gaveUp(let attempts, let reason):
            return .gaveUp(attempts: attempts, reason: reason)
        case .pending(let previous):
            let attempts = previous + 1
            switch outcome {
            case .sent:
                state = .sent(at: now, attempts: attempts)
                return .sent(at: now)
            case .failed(let error):
                let (permanent, description) = Self.classify(error)
                if permanent {
                    return giveUp(attempts: attempts, reason: "permanent failure: \(description)")
                }
                if attempts >= policy.maximumAttempts {
                    return giveUp(
                        attempts: attempts,
                        reason: "gave up after \(attempts) attempts; last failure: \(description)"
                    )
                }
                state = .pending(attempts: attempts)
                return .retry(at: now.addingTimeInterval(policy.delay(afterAttempts: attempts)), attempts: attempts)
            }
        }
    }

    private mutating func giveUp(attempts: Int, reason: String) -> Decision {
        state = .gaveUp(attempts: attempts, reason: reason)
        return .gaveUp(attempts: attempts, reason: reason)
    }

    /// A description of `error` safe to store and show to staff: no address, message or reply text.
    public static func describe(_ error: any Error) -> String {
        classify(error).description
    }

    /// Whether `error` can never succeed on retry, and a description safe to store. Errors of
    /// unknown types are described by type name only, since their text may hold personal data.
    static func classify(_ error: any Error) -> (permanent: Bool, description: String) {
        if let error = error as? SMTPError { return (error.isPermanent, error.description) }
        if let error = error as? MailFormatError { return (true, "message not sent: \(error)") }
        return (false, "unexpected error (\(type(of: error)))")
    }
}
