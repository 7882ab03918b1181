public import ServiceLifecycle
import Logging
import WardenCore
public import WardenServices

/// Takes the server's backups on its schedule (``BackupSchedule``): when one is due, a backup,
/// its check and the pruning, one after another (``BackupService/runScheduled(_:actor:)``);
/// every minute, an alert if no good backup has been taken for two intervals. Only the log's
/// sequencer backs up, so several servers on one database take one backup, not several.
///
/// A failed backup is retried an interval later, not at once: a full disk or a lost key does
/// not mend in a second, and the alert has already gone to the DPO. A backup running when the
/// server is asked to stop finishes first (or, killed, leaves only a `.partial` file).
public struct BackupScheduler: Service {
    let warden: Warden
    let schedule: BackupSchedule
    let turn: Duration
    let logger = Logger(label: "warden.backups")

    public init(warden: Warden, schedule: BackupSchedule, turn: Duration = .seconds(1)) {
        self.warden = warden
        self.schedule = schedule
        self.turn = turn
    }

    public func run() async throws {
        let started = Timestamp.now
        var next = schedule.next(after: try? await warden.backups.lastGood())
        var nextOverdueCheck = started.adding(seconds: 60)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let now = Timestamp.now
            // Nothing is backed up from a damaged file: the last good backup is what to restore.
            if now >= next, warden.health.damaged == nil, (try? await warden.log.standForSequencer()) == true {
                let good = await warden.backups.runScheduled(schedule, actor: Housekeeping.scheduler)
                if !good { logger.error("scheduled backup failed; alert raised", metadata: ["directory": .string(schedule.directory)]) }
                next = Timestamp.now.adding(seconds: schedule.every.components.seconds)
            }
            if now >= nextOverdueCheck {
                do {
                    try await warden.backups.alertIfOverdue(schedule, since: started, actor: Housekeeping.scheduler)
                } catch {
                    logger.error("backup overdue check failed", metadata: ["error.type": .string(String(describing: type(of: error)))])
                }
                nextOverdueCheck = now.adding(seconds: 60)
            }
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: turn) }
        }
    }
}
