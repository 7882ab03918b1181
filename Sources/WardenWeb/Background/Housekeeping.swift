public import ServiceLifecycle
import Logging
import WardenCore
public import WardenServices

/// The server's own schedule: sign a checkpoint of the log whenever it has grown (so one is
/// at most `checkpointEvery` old), deliver due email, and re-verify the whole database now
/// and then, alerting the DPO on any sign of tampering.
///
/// Each job's failure is logged (without personal data) and retried on its next turn; one
/// failing job does not stop the others.
public struct Housekeeping: Service {
    let warden: Warden
    let checkpointEvery: Duration
    let verifyEvery: Duration
    let logger = Logger(label: "warden.housekeeping")

    public init(warden: Warden, checkpointEvery: Duration = .seconds(5), verifyEvery: Duration = .seconds(3_600)) {
        self.warden = warden
        self.checkpointEvery = checkpointEvery
        self.verifyEvery = verifyEvery
    }

    static let scheduler = Actor(kind: .localOperator("scheduler"), grants: [])

    public func run() async throws {
        let clock = ContinuousClock()
        var nextVerify = clock.now.advanced(by: verifyEvery)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await attempt("checkpoint") { try await warden.log.checkpoint() }
            await attempt("mail") { try await warden.notices.deliverDueMail() }
            if clock.now >= nextVerify {
                await attempt("verify") { try await warden.log.verify(actor: Self.scheduler) }
                nextVerify = clock.now.advanced(by: verifyEvery)
            }
            _ = try? await cancelOnGracefulShutdown { try await Task.sleep(for: checkpointEvery) }
        }
        // A last checkpoint covers what the final requests logged.
        await attempt("checkpoint") { try await warden.log.checkpoint() }
    }

    private func attempt(_ job: String, _ body: () async throws -> some Sendable) async {
        do {
            _ = try await body()
        } catch {
            logger.error("housekeeping job failed", metadata: ["job": .string(job), "error.type": .string(String(describing: type(of: error)))])
        }
    }
}
