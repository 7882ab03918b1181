import NIOCore
import Synchronization

/// Enforces ``SMTPRelay/timeout`` on each step of a session.
///
/// Cancelling an `await` on a NIO async stream is awkward, so the deadline works from the other
/// side: when it expires it closes the channel, which ends the pending read or write, and it
/// records that it fired so the client reports a timeout rather than a closed connection.
final class StepDeadline: Sendable {
    private let channel: any Channel
    private let timeout: TimeAmount
    private let fired = Atomic<Bool>(false)
    private let scheduled = Mutex<Scheduled<Void>?>(nil)

    init(channel: any Channel, timeout: TimeAmount) {
        self.channel = channel
        self.timeout = timeout
    }

    /// Whether a deadline expired (and closed the channel).
    var hasFired: Bool { fired.load(ordering: .acquiring) }

    /// Starts a fresh deadline for the next step, replacing any running one.
    func restart() {
        let channel = self.channel
        let task = channel.eventLoop.scheduleTask(in: timeout) { [self] in
            self.fired.store(true, ordering: .releasing)
            channel.close(promise: nil)
        }
        let previous = scheduled.withLock { current in
            let previous = current
            current = task
            return previous
        }
        previous?.cancel()
    }

    /// Stops the running deadline (the session is over).
    func cancel() {
        let previous = scheduled.withLock { current in
            let previous = current
            current = nil
            return previous
        }
        previous?.cancel()
    }
}
