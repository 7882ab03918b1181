import Foundation
import Synchronization
public import WardenCore

/// The key ring as a running Warden sees it: reloaded from its file when `warden keys rotate`
/// replaces it, so a server keeps working through a rotation without a restart.
///
/// Sealing checks the file's modification time at most every few seconds, so new values go
/// under the newest key soon after a rotation; opening a value sealed under a version the
/// loaded ring lacks reloads at once.
public final class KeyRingSource: Sendable {
    public let path: String
    private let state: Mutex<State>
    /// How stale the ring may be when sealing: the longest a running server goes on sealing
    /// under a key that a rotation has just superseded.
    public static let recheckSeconds: Int = 2

    private struct State {
        var ring: KeyRing
        var modified: Date?
        var checkedAt: Date
    }

    public init(ring: KeyRing, path: String) {
        self.path = path
        state = Mutex(State(ring: ring, modified: Self.modified(path), checkedAt: Date()))
    }

    /// The ring, reloaded first if its file changed since it was last looked at.
    public var current: KeyRing {
        get throws {
            try state.withLock { state in
                let now = Date()
                guard now.timeIntervalSince(state.checkedAt) >= TimeInterval(Self.recheckSeconds) else { return state.ring }
                state.checkedAt = now
                let modified = Self.modified(path)
                if modified != state.modified {
                    state.ring = try KeyRing.load(from: path)
                    state.modified = modified
                }
                return state.ring
            }
        }
    }

    /// Seals under the newest key-encryption key.
    public func seal(_ plaintext: [UInt8], context: String) throws -> [UInt8] {
        try current.seal(plaintext, context: context)
    }

    /// Opens a value, reloading the ring first when the value names a key version it lacks.
    public func open(_ sealed: [UInt8], context: String) throws -> [UInt8] {
        var ring = try current
        if !ring.holds(version: SealedValue.keyVersion(of: sealed)) {
            ring = try reload()
        }
        return try ring.open(sealed, context: context)
    }

    /// Reads the file again now.
    @discardableResult
    public func reload() throws -> KeyRing {
        let ring = try KeyRing.load(from: path)
        state.withLock { state in
            state.ring = ring
            state.modified = Self.modified(path)
            state.checkedAt = Date()
        }
        return ring
    }

    private static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}
