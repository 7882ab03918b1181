public import ServiceLifecycle
import Logging
import WardenCore
public import WardenServices

/// The server's own schedule. The log's sequencer (always, on SQLite; on PostgreSQL the one
/// server elected through the database, see ``LogService/standForSequencer()``) integrates
/// new entries every turn, signs a checkpoint whenever the log has grown (so one is at most
/// `checkpointEvery` old), delivers due email and, every `subjectAccessEvery`, alerts the DPO
/// to subject access cases due within a week or overdue, applies the retention schedule
/// when it has not run for a day, mixes the ballot boxes cast in since the last turn and
/// makes the held contact changes whose cooling-off has ended, queues the reminders of
/// events starting within a day (each RSVP's once), gives places an erasure freed to the
/// events' waiting lists, and forgets the volunteer sign-ups and RSVP requests whose links
/// expired unfollowed. Every other server witnesses the
/// sequencer's checkpoints, and stands again each turn, so it takes over within a turn of the
/// sequencer's death. Every server re-verifies the whole database now and then, alerting the
/// DPO on any sign of tampering.
///
/// Each job's failure is logged (without personal data) and retried on its next turn; one
/// failing job does not stop the others.
public struct Housekeeping: Service {
    let warden: Warden
    let turn: Duration
    let checkpointEvery: Duration
    let verifyEvery: Duration
    let subjectAccessEvery: Duration
    let logger = Logger(label: "warden.housekeeping")

    public init(warden: Warden, turn: Duration = .seconds(1), checkpointEvery: Duration = .seconds(5), verifyEvery: Duration = .seconds(3_600),
                subjectAccessEvery: Duration = .seconds(60)) {
        self.warden = warden
        self.turn = turn
        self.checkpointEvery = checkpointEvery
        self.verifyEvery = verifyEvery
        self.subjectAccessEvery = subjectAccessEvery
    }

    static let scheduler = Actor(kind: .localOperator("scheduler"), grants: [])

    public func run() async throws {
        let clock = ContinuousClock()
        var nextCheckpoint = clock.now
        var nextVerify = clock.now.advanced(by: verifyEvery)
        var nextSubjectAccess = clock.now
        var wasSequencer: Bool?
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            // A damaged database file: nothing more is read from it or written to it.
            if warden.health.damaged == nil, let damage = warden.health.check() {
                logger.critical("the database is damaged; serving stopped until it is restored from a backup", metadata: ["detail": .string(damage)])
            }
            if warden.health.damaged != nil {
                _ = try? await cancelOnGracefulShutdown { try await Task.sleep(for: turn) }
                continue
            }
            let isSequencer = await attempt("election") { try await warden.log.standForSequencer() } ?? false
            if isSequencer != wasSequencer {
                logger.notice(isSequencer ? "this server is the log's sequencer" : "another server is the log's sequencer; this one witnesses")
                wasSequencer = isSequencer
            }
            if isSequencer {
                if clock.now >= nextCheckpoint {
                    await attempt("checkpoint") { try await warden.log.checkpoint() }
                    nextCheckpoint = clock.now.advanced(by: checkpointEvery)
                } else {
                    await attempt("integrate") { try await warden.log.integrate() }
                }
                if clock.now >= nextSubjectAccess {
                    await attempt("subject access alerts") { try await warden.subjectAccess.raiseDueAlerts(on: Timestamp.now.date, actor: Self.scheduler) }
                    await attempt("retention") { try await warden.retention.runIfDue(actor: Self.scheduler) }
                    await attempt("ballot boxes") { try await warden.ballots.mixBallotBoxes() }
                    await attempt("held contact changes") { try await warden.ballots.releaseHeldChanges() }
                    await attempt("volunteer sign-ups") { try await warden.volunteers.expireSignUps() }
                    await attempt("event reminders") { try await warden.events.queueReminders(actor: Self.scheduler) }
                    await attempt("event waiting lists") { try await warden.events.fillFreedPlaces(actor: Self.scheduler) }
                    await attempt("expired RSVP requests") { try await warden.events.expireRequests() }
                    nextSubjectAccess = clock.now.advanced(by: subjectAccessEvery)
                }
                await attempt("mail") { try await warden.notices.deliverDueMail() }
                await attempt("export files") { try await warden.exports.expireFiles() }
            } else {
                await attempt("witness") { try await warden.log.witnessCheckpoints() }
            }
            if clock.now >= nextVerify {
                await attempt("verify") { try await warden.log.verify(actor: Self.scheduler) }
                nextVerify = clock.now.advanced(by: verifyEvery)
            }
            _ = try? await cancelOnGracefulShutdown { try await Task.sleep(for: turn) }
        }
        // The sequencer's last checkpoint covers what the final requests logged.
        if wasSequencer == true, warden.health.damaged == nil {
            await attempt("checkpoint") { try await warden.log.checkpoint() }
        }
    }

    @discardableResult
    private func attempt<T: Sendable>(_ job: String, _ body: () async throws -> T) async -> T? {
        do {
            return try await body()
        } catch {
            logger.error("housekeeping job failed", metadata: ["job": .string(job), "error.type": .string(String(describing: type(of: error)))])
            return nil
        }
    }
}
