public import AgeEncryption
import Foundation
public import WardenCore

/// The server's own backups: where, to which keys, how often, and how long they are kept.
public struct BackupSchedule: Sendable {
    public static let shortestInterval: Duration = .seconds(60)

    public var directory: String
    public var recipients: [X25519Recipient]
    /// The backup key's identity, when the server may hold it: each check then decrypts the
    /// new file. Without it the check verifies the snapshot and the file's hash only.
    public var identities: [X25519Identity]
    public var every: Duration
    public var retention: BackupRetention

    /// - Throws: for no recipient, or an interval under a minute.
    public init(directory: String, recipients: [X25519Recipient], identities: [X25519Identity] = [], every: Duration = .seconds(900),
                retention: BackupRetention = BackupRetention()) throws {
        guard !recipients.isEmpty else { throw WardenError.invalidRequest("--backup-recipient: at least one age1… key to encrypt backups to") }
        guard every >= Self.shortestInterval else { throw WardenError.invalidRequest("--backup-every: at least 1 minute") }
        self.directory = directory
        self.recipients = recipients
        self.identities = identities
        self.every = every
        self.retention = retention
    }

    var everySeconds: Int64 { every.components.seconds }

    /// When the next backup is due after the last good one (now, if there was none).
    public func next(after last: BackupStatus?, now: Timestamp = .now) -> Timestamp {
        last.map { $0.at.adding(seconds: everySeconds) } ?? now
    }

    /// Overdue once two intervals and a minute have passed with no good backup: one missed
    /// turn may be a slow backup, two are a fault.
    public func isOverdue(_ last: BackupStatus?, since started: Timestamp, now: Timestamp) -> Bool {
        let reference = last?.at ?? started
        return now.secondsSince1970 - reference.secondsSince1970 > 2 * everySeconds + 60
    }
}

extension BackupService {
    /// One scheduled turn: takes a backup, checks it, and prunes the directory, raising a
    /// backup alert (to the DPO, by email) if any step fails. Returns whether all went well.
    @discardableResult
    public func runScheduled(_ schedule: BackupSchedule, actor: Actor) async -> Bool {
        do {
            _ = try await take(to: schedule.directory, recipients: schedule.recipients, identities: schedule.identities, actor: actor)
        } catch {
            try? await alert("scheduled backup into \(schedule.directory) failed: \(Self.describe(error))", actor: actor)
            return false
        }
        do {
            _ = try await prune(schedule.directory, rule: schedule.retention, actor: actor)
        } catch {
            try? await alert("pruning backups in \(schedule.directory) failed: \(Self.describe(error))", actor: actor)
            return false
        }
        return true
    }

    /// Alerts when no good backup has been taken for two intervals: the schedule stalled.
    public func alertIfOverdue(_ schedule: BackupSchedule, since started: Timestamp, actor: Actor) async throws {
        let last = try await lastGood()
        guard schedule.isOverdue(last, since: started, now: .now) else { return }
        try await alert("no good backup since \(last.map { $0.at.description } ?? "this server started"); backups are overdue", actor: actor)
    }

    /// An error's own words where Warden wrote them (paths and causes, no personal data), its
    /// type otherwise.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as WardenError: error.description
        case let error as StoreError: error.description
        default: String(describing: type(of: error))
        }
    }
}
