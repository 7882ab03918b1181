import Synchronization
import WardenCore
import WardenStore

/// Sessions resolved in the last few seconds, so that a request whose every path to data is a
/// Gate operation checking the actor's standing in its own transaction (a doorstep tap, the
/// next stop's page, a person's record) need not read the session first.
///
/// An entry is only a guess about the present: the Gate's transaction checks it against the
/// account's access generation (``AccessStanding``), and a guess gone stale sends the
/// request back to be resolved afresh. An entry is dropped at the first of: ``maxAge``
/// seconds after it was read (a fresh read also refreshes the session's last-seen time), the
/// moment one of the account's grants starts or expires, and the session's absolute or idle
/// limit; so time alone never makes a guess wrong.
final class SessionCache: Sendable {
    private struct Entry {
        var context: AccessContext
        var usableUntil: Timestamp
    }

    private let entries = Mutex<[[UInt8]: Entry]>([:])
    /// Seconds an entry is used after it was read.
    static let maxAge: Int64 = 30
    /// Entries kept at most; past it the cache starts again empty (a burst of sign-ins, not
    /// a steady state: an entry lives 30 seconds).
    static let capacity = 100_000

    /// The context read for `tokenHash`, when it is still usable at `instant`.
    func context(for tokenHash: [UInt8], at instant: Timestamp) -> AccessContext? {
        entries.withLock { entries in
            guard let entry = entries[tokenHash] else { return nil }
            guard instant < entry.usableUntil else {
                entries[tokenHash] = nil
                return nil
            }
            return entry.context
        }
    }

    /// Keeps `context`, read at `instant`, for `tokenHash`.
    func keep(_ context: AccessContext, for tokenHash: [UInt8], readAt instant: Timestamp, policy: SessionPolicy) {
        let limits = [
            instant.adding(seconds: Self.maxAge), context.session.expiresAt,
            context.session.lastSeenAt.adding(seconds: policy.idleSeconds),
        ] + [context.nextGrantChange].compactMap { $0 }
        let entry = Entry(context: context, usableUntil: limits.min() ?? instant)
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[tokenHash] = entry
        }
    }

    /// Forgets `tokenHash`: its session ended or no longer resolves.
    func forget(_ tokenHash: [UInt8]) {
        entries.withLock { $0[tokenHash] = nil }
    }
}
